import CLibZip
import Foundation
import WorkbookIO

/// Every non-empty cell of every worksheet as `sheet<TAB>cell<TAB>type<TAB>value`, the type
/// saying what the number format tells the reader: `n` plain, `n%` percent, `n[h]` elapsed
/// time, `d` date, and `s`, `b`, `e` as in `dump`. Golden files compare workbooks this way.
public func formatDump(_ path: String) throws -> [String] {
    let workbook = try Workbook(path: path)
    var lines: [String] = []
    for sheet in workbook.sheets where sheet.kind == .worksheet {
        try workbook.forEachRow(in: sheet) { row in
            for cell in row.cells {
                guard var line = CellDump.line(sheet: sheet.name, row: row.number, cell: cell) else { continue }
                if case .number(_, let kind) = cell.value, kind != .plain {
                    var fields = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
                    fields[2] = kind == .percent ? "n%" : kind == .duration ? "n[h]" : fields[2]
                    line = fields.joined(separator: "\t")
                }
                lines.append(line)
            }
        }
    }
    return lines
}

/// The text of one part of a package (`xl/worksheets/sheet3.xml`), for checks the reader
/// does not surface, such as data validations.
public func partText(_ path: String, _ name: String) throws -> String {
    var code: Int32 = 0
    guard let archive = zip_open(path, ZIP_RDONLY, &code) else { throw FixtureError("zip_open failed with \(code)") }
    defer { zip_close(archive) }
    var stat = zip_stat_t()
    guard zip_stat(archive, name, 0, &stat) == 0, let file = zip_fopen(archive, name, 0) else {
        throw FixtureError("\(path) has no part \(name)")
    }
    defer { zip_fclose(file) }
    var bytes = [UInt8](repeating: 0, count: Int(stat.size))
    let read = bytes.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, stat.size) }
    guard read == Int64(stat.size) else { throw FixtureError("reading \(name) of \(path) failed") }
    return String(decoding: bytes, as: UTF8.self)
}

/// Lines compared with expected lines: nil when equal, else the first differences with a
/// line of context each side, `-` expected and `+` actual.
public func lineDiff(expected: [String], actual: [String], limit: Int = 12) -> String? {
    guard expected != actual else { return nil }
    var out: [String] = []
    var shown = 0
    var i = 0
    let count = max(expected.count, actual.count)
    while i < count, shown < limit {
        let e = i < expected.count ? expected[i] : nil
        let a = i < actual.count ? actual[i] : nil
        if e != a {
            if i > 0, out.last?.hasPrefix("  \(i):") != true, i - 1 < expected.count { out.append("  \(i): \(expected[i - 1])") }
            if let e { out.append("- \(i + 1): \(e)") }
            if let a { out.append("+ \(i + 1): \(a)") }
            shown += 1
        } else if shown > 0, out.last?.hasPrefix("  ") != true, let e {
            out.append("  \(i + 1): \(e)")
        }
        i += 1
    }
    out.insert("expected \(expected.count) lines, found \(actual.count); first differences:", at: 0)
    return out.joined(separator: "\n")
}
