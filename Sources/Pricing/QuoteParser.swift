import Foundation
import RebalanceEngine

/// Reads quotes out of an answer of the quote API.
///
/// CSV: a header row, a symbol column (`symbol` or `ticker`; optional when one symbol was
/// asked), the price column named by the field, and an optional `date`/`as of` column.
/// JSON: the field is a path from the root, names joined by dots; a `{symbol}` segment is
/// the symbol asked; an array on the way is searched for the object whose `symbol` (or
/// `ticker`) is the one asked. A `date`/`asOf` beside the price dates it; otherwise the
/// quote is as of today. A price must be a positive number (or text reading as one).
struct QuoteParser {
    var format: QuoteAPI.Format
    var field: String
    var today: CivilDate

    /// A quote or a reason for each symbol asked.
    func quotes(in body: [UInt8], for symbols: [String]) -> [String: QuoteOutcome] {
        switch format {
        case .csv: return csvQuotes(String(decoding: body, as: UTF8.self), for: symbols)
        case .json: return jsonQuotes(body, for: symbols)
        }
    }

    // MARK: CSV

    private func csvQuotes(_ text: String, for symbols: [String]) -> [String: QuoteOutcome] {
        let rows = text.split(whereSeparator: \.isNewline).map { Self.fields(of: $0) }.filter { !$0.allSatisfy(\.isEmpty) }
        func all(_ reason: String) -> [String: QuoteOutcome] {
            Dictionary(uniqueKeysWithValues: symbols.map { ($0, .failed(reason)) })
        }
        guard let header = rows.first?.map(Self.normalized) else { return all("malformed answer: an empty CSV") }
        guard let priceColumn = header.firstIndex(of: Self.normalized(field)) else {
            return all("malformed answer: the CSV has no \"\(field)\" column")
        }
        let symbolColumn = header.firstIndex { $0 == "symbol" || $0 == "ticker" }
        let dateColumn = header.firstIndex { ["date", "asof", "asofdate", "quotedate"].contains($0) }
        if symbolColumn == nil && symbols.count > 1 { return all("malformed answer: the CSV has no symbol column") }
        if symbolColumn == nil && rows.count > 2 {
            return all("malformed answer: the CSV has \(rows.count - 1) rows and no symbol column to say whose each is")
        }
        var found: [String: QuoteOutcome] = [:]
        for row in rows.dropFirst() {
            let symbol = symbolColumn.map { $0 < row.count ? row[$0].uppercased() : "" } ?? symbols[0]
            guard symbols.contains(symbol) else { continue }
            let priceText = priceColumn < row.count ? row[priceColumn] : ""
            let dateText = dateColumn.flatMap { $0 < row.count ? row[$0] : nil }
            let quote = outcome(priceText: priceText, dateText: dateText)
            // Two rows for one symbol that disagree: the tool cannot know which is right.
            if let earlier = found[symbol], earlier != quote {
                found[symbol] = .failed("malformed answer: two different quotes for \(symbol)")
                continue
            }
            found[symbol] = quote
        }
        return complete(found, symbols)
    }

    /// The fields of one CSV line; quoted fields may hold commas and doubled quotes.
    static func fields(of line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        let characters = Array(line)
        var index = 0
        while index < characters.count {
            let c = characters[index]
            if quoted {
                if c != "\"" {
                    current.append(c)
                } else if index + 1 < characters.count && characters[index + 1] == "\"" {
                    current.append("\"")
                    index += 1
                } else {
                    quoted = false
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(c)
            }
            index += 1
        }
        fields.append(current)
        return fields.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    // MARK: JSON

    private func jsonQuotes(_ body: [UInt8], for symbols: [String]) -> [String: QuoteOutcome] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        } catch {
            return Dictionary(uniqueKeysWithValues: symbols.map { ($0, .failed("malformed answer: not JSON")) })
        }
        var found: [String: QuoteOutcome] = [:]
        for symbol in symbols {
            found[symbol] = jsonQuote(root, symbol: symbol, single: symbols.count == 1)
        }
        return found
    }

    private func jsonQuote(_ root: Any, symbol: String, single: Bool) -> QuoteOutcome {
        var node: Any = root
        var holder: [String: Any]? = root as? [String: Any]
        for segment in field.split(separator: ".").map(String.init) {
            let name = segment == "{symbol}" ? symbol : segment
            if let array = node as? [Any] {
                switch Self.element(of: array, for: symbol, single: single) {
                case .found(let match): node = match
                case .none: return .failed("no quote for \(symbol) in the answer")
                case .twoQuotes: return .failed("malformed answer: two different quotes for \(symbol)")
                }
            }
            guard let object = node as? [String: Any] else { return .failed("malformed answer: no \"\(field)\" in it") }
            guard let next = object[name] ?? object.first(where: { $0.key.lowercased() == name.lowercased() })?.value else {
                return .failed(segment == "{symbol}" ? "no quote for \(symbol) in the answer" : "no \"\(field)\" for \(symbol) in the answer")
            }
            holder = object
            node = next
        }
        if let array = node as? [Any] {
            switch Self.element(of: array, for: symbol, single: single) {
            case .found(let match):
                node = match
                holder = match as? [String: Any] ?? holder
            case .none: break
            case .twoQuotes: return .failed("malformed answer: two different quotes for \(symbol)")
            }
        }
        // The object holding the price may name its symbol: another one's quote (a misrouted
        // answer to a `{symbol}` URL) is not this symbol's.
        if let named = holder.flatMap(Self.symbolNamed), named != symbol {
            return .failed("the answer's quote is for \(named.prefix(20)), not \(symbol)")
        }
        let priceText: String
        switch node {
        // JSON's true and false come as numbers 1 and 0 (Foundation's booleans): no price.
        case let number as NSNumber where !Self.isBoolean(number): priceText = number.stringValue
        case let text as String: priceText = text
        case is NSNull: priceText = ""
        default: return .failed("malformed answer: \"\(field)\" for \(symbol) is not a number")
        }
        // A date that is not text (20200101, epoch seconds) is a date in another form, not
        // none: taken as undated, a price of 2020 served as today's.
        var dateText: String?
        if let holder, let value = ["date", "asOf", "as_of", "asof", "quoteDate"].lazy.compactMap({ holder[$0] }).first {
            switch value {
            case let text as String: dateText = text
            case is NSNull: break
            default: return .failed("malformed answer: the date \(String(describing: value).prefix(40)) is not YYYY-MM-DD")
            }
        }
        return outcome(priceText: priceText, dateText: dateText)
    }

    /// What an array holds for one symbol.
    private enum ArrayMatch {
        case found(Any)
        case none
        /// Two objects for the symbol that differ: the tool cannot know which is right.
        case twoQuotes
    }

    /// The object of an array that is the symbol's: by its `symbol`/`ticker`, or the only one.
    private static func element(of array: [Any], for symbol: String, single: Bool) -> ArrayMatch {
        var match: [String: Any]?
        for case let object as [String: Any] in array where symbolNamed(object) == symbol {
            if let earlier = match {
                if !(earlier as NSDictionary).isEqual(to: object) { return .twoQuotes }
                continue
            }
            match = object
        }
        if let match { return .found(match) }
        return single && array.count == 1 ? .found(array[0]) : .none
    }

    /// The symbol an object names in its `symbol` or `ticker`, upper case.
    private static func symbolNamed(_ object: [String: Any]) -> String? {
        object.first { ["symbol", "ticker"].contains($0.key.lowercased()) }.flatMap { ($0.value as? String)?.uppercased() }
    }

    /// Whether a number Foundation read is JSON's true or false.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    // MARK: Shared

    private func outcome(priceText: String, dateText: String?) -> QuoteOutcome {
        let trimmed = priceText.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .failed("the answer has no price for it") }
        guard trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let value = Double(trimmed), value.isFinite, let price = Price(roundingDollars: value),
              price > Price(micros: 0) else {
            return .failed("malformed answer: the price \"\(trimmed.prefix(40))\" is not a positive number")
        }
        var asOf = today
        if let dateText, !dateText.isEmpty {
            guard let date = CivilDate(iso: dateText.prefix(10)) else {
                return .failed("malformed answer: the date \"\(dateText.prefix(40))\" is not YYYY-MM-DD")
            }
            asOf = date
        }
        return .quote(price, asOf: asOf)
    }

    private func complete(_ found: [String: QuoteOutcome], _ symbols: [String]) -> [String: QuoteOutcome] {
        var all = found
        for symbol in symbols where all[symbol] == nil { all[symbol] = .failed("no quote for \(symbol) in the answer") }
        return all
    }

    static func normalized(_ header: String) -> String {
        header.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}
