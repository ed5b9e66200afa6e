import Foundation
import RebalanceEngine
import Testing
@testable import WorkbookIO

@Suite("The audit JSON")
struct AuditJSONTests {
    let bytes: [UInt8]
    let document: [String: Any]

    init() throws {
        bytes = try AuditJSON.encoded(PlanFixture.plan, run: PlanFixture.run)
        document = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test("Format version, input file name and SHA-256 at the top")
    func header() throws {
        #expect(document["formatVersion"] as? String == "1.0")
        let input = try #require(document["input"] as? [String: Any])
        #expect(input["fileName"] as? String == "Household Portfolio.xlsx")
        #expect(input["sha256"] as? String == PlanFixture.run.inputSHA256)
        #expect(Set(document.keys) == ["accounts", "auditLog", "exceptions", "formatVersion", "input", "lotsSold",
                                       "phases", "prices", "settings", "trades", "washSales"])
    }

    @Test("Every object's keys are in sorted order in the text")
    func sortedKeys() throws {
        let objects = try KeyOrder.objects(in: bytes)
        #expect(objects.count > 20)
        for keys in objects {
            #expect(keys == keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }, "\(keys)")
        }
    }

    @Test("Money, quantities and prices as decimal strings; dates as ISO text")
    func decimals() throws {
        let trades = try #require(document["trades"] as? [[String: Any]])
        #expect(trades.count == 4)
        #expect(trades[0]["amount"] as? String == "25000.00")
        #expect(trades[0]["realizedShortTerm"] as? String == "-1800.00")
        #expect(trades[0]["side"] as? String == "Sell")
        #expect(trades[0]["phase"] as? String == "Harvest")
        #expect(trades[3]["quantity"] as? String == "50.5")
        #expect(trades[3]["price"] as? String == "72.125")
        let lots = try #require(document["lotsSold"] as? [[String: Any]])
        #expect(lots[0]["acquired"] as? String == "2025-11-03")
        #expect(lots[0]["disallowedLoss"] as? String == "1200.00")
        #expect(lots[0]["gain"] as? String == "-3000.00")
    }

    @Test("Shares a wash sale restated in the run name the lot they came from; other lots sold have no such key")
    func restatedLots() throws {
        var plan = PlanFixture.plan
        var rows = plan.lotsSold.array
        let row = rows[1]
        rows[1] = LotSold(
            account: row.account, symbol: row.symbol, lotID: "AAPL-r1-W", acquired: row.acquired, quantity: row.quantity,
            costBasis: row.costBasis, proceeds: row.proceeds, gain: row.gain, term: row.term,
            disallowedLoss: row.disallowedLoss, phase: row.phase, restatedFrom: "AAPL-r1")
        plan.lotsSold = RowList(rows)
        let bytes = try AuditJSON.encoded(plan, run: PlanFixture.run)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let lots = try #require(document["lotsSold"] as? [[String: Any]])
        #expect(lots.map { $0["restatedFrom"] as? String } == [nil, "AAPL-r1", nil])
        #expect(lots.map { $0.keys.contains("restatedFrom") } == [false, true, false])
        for keys in try KeyOrder.objects(in: bytes) {
            #expect(keys == keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }, "\(keys)")
        }
    }

    @Test("Settings and accounts as understood")
    func settings() throws {
        let settings = try #require(document["settings"] as? [String: Any])
        #expect(settings["asOf"] as? String == "2026-03-16")
        #expect(settings["taxBudget"] as? String == "5000.00")
        #expect(settings["shortTermRate"] as? String == "0.408")
        #expect(settings["lotMethod"] as? String == "HIFO")
        #expect(settings["washSaleDays"] as? Int == 30)
        #expect(settings["allowStalePrices"] as? Bool == false)
        #expect(settings.count == 16)
        let accounts = try #require(document["accounts"] as? [[String: Any]])
        #expect(accounts.map { $0["id"] as? String } == ["TAX-1", "IRA-1"])
        #expect(accounts[1]["taxBudget"] as? String == "Unlimited")
        #expect(accounts[1]["type"] as? String == "IRA")
    }

    @Test("Each phase lists the changes it made per account, every phase present in run order")
    func phases() throws {
        let phases = try #require(document["phases"] as? [[String: Any]])
        #expect(phases.map { $0["phase"] as? String } == ["Manual", "Harvest", "Phase Out", "Raise Cash", "Rebalance"])
        let harvest = try #require(phases[1]["accounts"] as? [[String: Any]])
        #expect(harvest.count == 1)
        #expect(harvest[0]["cashBefore"] as? String == "12500.00")
        #expect(harvest[0]["taxAfter"] as? String == "0.00")
        let positions = try #require(harvest[0]["positions"] as? [[String: Any]])
        #expect(positions.first?["symbol"] as? String == "ITOT")
        #expect(positions.first?["after"] as? String == "200")
        let rebalance = try #require(phases[4]["accounts"] as? [[String: Any]])
        #expect(rebalance.map { $0["account"] as? String } == ["TAX-1", "IRA-1"])
        #expect((phases[0]["accounts"] as? [Any])?.isEmpty == true)
    }

    @Test("Text with quotes, newlines and control characters reads back unchanged; absent values are null")
    func escaping() throws {
        let audit = try #require(document["auditLog"] as? [[String: Any]])
        #expect(audit[1]["detail"] as? String == "Lot VTI-r4: loss $3,000.00 \"above\" both thresholds.\nReplacement ITOT.")
        #expect(audit[0]["phase"] is NSNull)
        var plan = PlanFixture.plan
        let tricky = "Tab\there, bell \u{07}, back\\slash, é and 日本, \u{1F}end"
        plan.exceptions[0].message = tricky
        let text = try AuditJSON.encoded(plan, run: PlanFixture.run)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text)) as? [String: Any])
        let exceptions = try #require(parsed["exceptions"] as? [[String: Any]])
        #expect(exceptions[0]["message"] as? String == tricky)
        #expect(String(decoding: text, as: UTF8.self).contains("\\u0007"))
    }

    @Test("The same plan gives the same bytes, in memory and on disk")
    func deterministic() throws {
        #expect(try AuditJSON.encoded(PlanFixture.plan, run: PlanFixture.run) == bytes)
        let folder = try PlanFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try AuditJSON.write(PlanFixture.plan, run: PlanFixture.run, to: folder + "/a.audit.json")
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/a.audit.json"))) == bytes)
        #expect(bytes.last == UInt8(ascii: "\n"))
    }

    @Test("An input's state changes when it is saved again or replaced, not when it is only read")
    func inputFileState() throws {
        let folder = try PlanFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/book.xlsx"
        try Data("first".utf8).write(to: URL(fileURLWithPath: path))
        let before = try InputFileState(path: path)
        _ = try SHA256.hexDigest(ofFileAt: path)
        #expect(try InputFileState(path: path) == before)
        // Rewritten with bytes of the same length (a save), then replaced by another file.
        try Data("again".utf8).write(to: URL(fileURLWithPath: folder + "/new.xlsx"))
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: folder + "/new.xlsx", toPath: path)
        #expect(try InputFileState(path: path) != before)
    }

    @Test("A large plan streams through in pieces and still parses")
    func large() throws {
        var plan = PlanFixture.plan
        let trade = plan.trades[2]
        plan.trades = RowList(Array(repeating: trade, count: 20_000))
        let folder = try PlanFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try AuditJSON.write(plan, run: PlanFixture.run, to: folder + "/large.audit.json")
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/large.audit.json"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((parsed["trades"] as? [Any])?.count == 20_000)
        #expect(data.count > 1 << 16)
    }
}

/// The keys of every JSON object in a document, in the order the text has them.
enum KeyOrder {
    struct Malformed: Error {}

    static func objects(in bytes: [UInt8]) throws -> [[String]] {
        var finished: [[String]] = []
        /// Per open container: the keys so far, or nil for an array.
        var stack: [[String]?] = []
        var expectingKey = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                stack.append([])
                expectingKey = true
            case UInt8(ascii: "["):
                stack.append(nil)
                expectingKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard let top = stack.popLast() else { throw Malformed() }
                if let keys = top { finished.append(keys) }
                expectingKey = false
            case UInt8(ascii: ","):
                expectingKey = stack.last.map { $0 != nil } ?? false
            case UInt8(ascii: "\""):
                var end = index + 1
                var text: [UInt8] = []
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                    if bytes[end] == UInt8(ascii: "\\") { end += 1 }
                    text.append(bytes[end])
                    end += 1
                }
                if expectingKey, stack.last != nil, stack.last! != nil {
                    stack[stack.count - 1]!.append(String(decoding: text, as: UTF8.self))
                    expectingKey = false
                }
                index = end
            default:
                break
            }
            index += 1
        }
        guard stack.isEmpty else { throw Malformed() }
        return finished
    }
}
