/// The package's relationship parts, workbook part and styles: what locates and explains the cells.

/// One relationship of a `.rels` part, its target resolved against the source part.
struct Relationship {
    var id: String
    var type: String
    /// The target as a package path (no leading `/`), or nil for an external target.
    var target: String?

    /// The last segment of the type URI: `officeDocument`, `worksheet`, `sharedStrings`…
    /// Transitional and Strict OOXML share these.
    var kind: String {
        type.split(separator: "/").last.map(String.init) ?? type
    }
}

/// Package paths: the `.rels` part of a part, and targets resolved as OPC says.
enum PackagePath {
    /// `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; `` (the package) → `_rels/.rels`.
    static func relationshipsPart(of part: String) -> String {
        let (directory, file) = split(part)
        return directory.isEmpty ? "_rels/\(file).rels" : "\(directory)/_rels/\(file).rels"
    }

    /// Resolves a relationship target against the directory of its source part.
    static func resolve(_ target: String, from source: String) -> String {
        let cleaned = target.replacingBackslashes()
        var segments: [Substring] = []
        if !cleaned.hasPrefix("/") {
            segments = split(source).directory.split(separator: "/")
        }
        for segment in cleaned.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    private static func split(_ part: String) -> (directory: String, file: String) {
        guard let slash = part.lastIndex(of: "/") else { return ("", part) }
        return (String(part[..<slash]), String(part[part.index(after: slash)...]))
    }
}

/// Reads a `.rels` part.
final class RelationshipsHandler: XMLEventHandler {
    private let source: String
    private(set) var relationships: [Relationship] = []

    init(source: String) { self.source = source }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        guard name.is("Relationship") else { return }
        guard let id = attributes.string("Id"), let type = attributes.string("Type"),
              let target = attributes.string("Target") else { return }
        let external = attributes.string("TargetMode")?.lowercased() == "external"
        relationships.append(Relationship(
            id: id, type: type,
            target: external ? nil : PackagePath.resolve(target, from: source)))
    }

    func endElement(_ name: XMLName) throws {}
    func characters(_ text: UnsafeBufferPointer<UInt8>) throws {}

    static func read(for part: String, in archive: ZipArchive) throws -> [Relationship]? {
        let relsPart = PackagePath.relationshipsPart(of: part)
        guard archive.contains(relsPart) else { return nil }
        let handler = RelationshipsHandler(source: part)
        try XMLEventParser.parse(part: relsPart, in: archive, handler: handler)
        return handler.relationships
    }
}

/// Reads `workbook.xml`: the sheets in tab order and the date system.
final class WorkbookPartHandler: XMLEventHandler {
    struct SheetEntry {
        var name: String
        var relationshipID: String
        var state: String
    }

    private(set) var sheets: [SheetEntry] = []
    private(set) var uses1904 = false
    /// `<calcPr fullCalcOnLoad="1">`: the writer asks the spreadsheet to calculate every
    /// formula when the workbook is opened, as programs that cannot calculate them do.
    private(set) var asksFullCalculationOnLoad = false
    private(set) var sawWorkbookElement = false

    /// An XML boolean attribute (`1`, `true` or `on`, in any case, is set), `nil` when absent.
    private static func flag(_ value: String?) -> Bool? {
        value.map { ["1", "true", "on"].contains($0.lowercased()) }
    }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        if name.is("workbook") {
            sawWorkbookElement = true
        } else if name.is("workbookPr") {
            if let value = Self.flag(attributes.string("date1904")) { uses1904 = value }
        } else if name.is("calcPr") {
            if let value = Self.flag(attributes.string("fullCalcOnLoad")) { asksFullCalculationOnLoad = value }
        } else if name.is("sheet") {
            // A sheet with no relationship has no part and so no cells; it is passed over.
            guard let sheetName = attributes.string("name"), let id = attributes.string("id") else { return }
            sheets.append(SheetEntry(
                name: sheetName, relationshipID: id,
                state: attributes.string("state")?.lowercased() ?? "visible"))
        }
    }

    func endElement(_ name: XMLName) throws {}
    func characters(_ text: UnsafeBufferPointer<UInt8>) throws {}
}

/// Reads `styles.xml`: for each cell format (`cellXfs`), what its number format means.
final class StylesHandler: XMLEventHandler {
    private var customFormats: [Int: NumberFormatKind] = [:]
    private var dayFirstFormats: [Int: String] = [:]
    private var scaleWordFormats: [Int: String] = [:]
    private var formatIDs: [Int] = []
    private var inCellXfs = false
    /// Inside a conditional format's differential style (`<dxfs>`, `<dxf>`): its `numFmt` is
    /// that format's, not a cell style's. Taken as one, it replaced the cells' own format of
    /// the same id (a file re-saved by openpyxl renumbers the cells' formats, not the
    /// conditional ones'), and 12,500.00 was read as 1250000% (explore-DF).
    private var differentialDepth = 0

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        if name.is("dxfs") || name.is("dxf") {
            differentialDepth += 1
        } else if name.is("numFmt") {
            guard differentialDepth == 0 else { return }
            if let idText = attributes.string("numFmtId"), let id = Int(idText),
               let code = attributes.string("formatCode") {
                customFormats[id] = NumberFormatKind.classify(code)
                if NumberFormatKind.writesDayFirst(code) { dayFirstFormats[id] = code }
                if NumberFormatKind.unscaledScaleWord(code) != nil { scaleWordFormats[id] = code }
            }
        } else if name.is("cellXfs") {
            inCellXfs = true
        } else if inCellXfs && name.is("xf") {
            formatIDs.append(attributes.string("numFmtId").flatMap { Int($0) } ?? 0)
        }
    }

    func endElement(_ name: XMLName) throws {
        if name.is("cellXfs") { inCellXfs = false }
        if name.is("dxfs") || name.is("dxf"), differentialDepth > 0 { differentialDepth -= 1 }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) throws {}

    /// For each style index, the custom date format it uses if that writes the day before the
    /// month, else nil.
    var dayFirstCodes: [String?] {
        formatIDs.map { dayFirstFormats[$0] }
    }

    /// For each style index, the custom format it uses if that writes a scale word beside a
    /// number it does not scale (`"$"#,##0"K"`), else nil.
    var scaleWordCodes: [String?] {
        formatIDs.map { scaleWordFormats[$0] }
    }

    /// The kind of number format for each style index `s=`.
    var kinds: [NumberFormatKind] {
        formatIDs.map { customFormats[$0] ?? NumberFormatKind.builtIn($0) }
    }
}

/// Reads `sharedStrings.xml`: each `<si>` as its text, rich runs joined, phonetic runs skipped.
final class SharedStringsHandler: XMLEventHandler {
    private(set) var strings: [String] = []
    private var buffer: [UInt8] = []
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        if name.is("si") {
            inItem = true
            buffer.removeAll(keepingCapacity: true)
        } else if name.is("rPh") {
            phoneticDepth += 1
        } else if name.is("t") && inItem && phoneticDepth == 0 {
            inText = true
        }
    }

    func endElement(_ name: XMLName) throws {
        if name.is("si") {
            inItem = false
            strings.append(TextEscapes.decode(buffer))
        } else if name.is("rPh") {
            phoneticDepth -= 1
        } else if name.is("t") {
            inText = false
        }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) throws {
        if inText { buffer.append(contentsOf: text) }
    }
}

/// ECMA-376's `_xHHHH_` escapes in text (Part 1, 22.9.2.19): a UTF-16 code unit each.
enum TextEscapes {
    /// Decodes UTF-8 bytes into a string, turning `_xHHHH_` into its character
    /// (surrogate pairs joined; `_x005F_` is a literal underscore, so what follows it stays).
    static func decode(_ bytes: [UInt8]) -> String {
        guard bytes.contains(UInt8(ascii: "_")) else { return String(decoding: bytes, as: UTF8.self) }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count)
        var i = 0
        func hexValue(_ b: UInt8) -> UInt16? {
            switch b {
            case 48...57: return UInt16(b - 48)
            case 65...70: return UInt16(b - 55)
            case 97...102: return UInt16(b - 87)
            default: return nil
            }
        }
        var pending: [UInt8] = []
        func flush() {
            guard !pending.isEmpty else { return }
            units.append(contentsOf: String(decoding: pending, as: UTF8.self).utf16)
            pending.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "_"), i + 6 < bytes.count,
               bytes[i + 1] == UInt8(ascii: "x") || bytes[i + 1] == UInt8(ascii: "X"),
               bytes[i + 6] == UInt8(ascii: "_"),
               let a = hexValue(bytes[i + 2]), let b = hexValue(bytes[i + 3]),
               let c = hexValue(bytes[i + 4]), let d = hexValue(bytes[i + 5]) {
                flush()
                units.append(a << 12 | b << 8 | c << 4 | d)
                i += 7
            } else {
                pending.append(bytes[i])
                i += 1
            }
        }
        flush()
        return String(decoding: units, as: UTF16.self)
    }
}
