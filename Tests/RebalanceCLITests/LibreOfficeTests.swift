import OutputChecks
import Foundation
import RebalanceEngine
import Testing
import WorkbookIO
import XLSXTestSupport

/// LibreOffice, where installed (`soffice`, Debian's `libreoffice-calc-nogui`).
enum LibreOffice {
    /// The `soffice` on PATH, if any.
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/soffice" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// CSV export options: comma, double quote, UTF-8 (76), from line 1, values not as shown,
    /// and -1 for every sheet, each written as `<file>-<Sheet>.csv`.
    static let csvFilter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

    /// Converts workbooks to CSV, every sheet, into `folder`, with a private profile; stops
    /// the conversion after `timeout` seconds.
    static func convertToCSV(_ books: [String], into folder: String, timeout: TimeInterval = 240) throws {
        try convert(books, filter: csvFilter, into: folder, timeout: timeout)
    }

    /// Opens workbooks and saves them again as `.xlsx` into `folder`, as a PM's Save does.
    static func resaveAsXLSX(_ books: [String], into folder: String, timeout: TimeInterval = 240) throws {
        try convert(books, filter: "xlsx:Calc MS Excel 2007 XML", into: folder, timeout: timeout)
    }

    private static func convert(_ books: [String], filter: String, into folder: String, timeout: TimeInterval) throws {
        let executable = try #require(executable)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-env:UserInstallation=file://\(folder)/profile", "--headless", "--norestore",
                             "--convert-to", filter, "--outdir", folder] + books
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            Issue.record("soffice did not finish converting within \(Int(timeout)) seconds")
            return
        }
        #expect(process.terminationStatus == 0, "soffice exited with \(process.terminationStatus)")
    }

    /// The rows of a CSV file (RFC 4180 quoting).
    static func rows(_ path: String) throws -> [[String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\n" || c == "\r\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else if c != "\r" {
                field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

/// Each sample's output opened by a real spreadsheet program: every sheet converts, the totals'
/// formulas show their values, and amounts agree with what the tool's own reader finds.
@Suite("Sample outputs in LibreOffice")
struct LibreOfficeTests {
    static let sheets = ["Summary", "Trades", "Lots Sold", "Tax Impact", "Cash", "Drift", "Price Provenance",
                         "Wash Sale", "Audit Log", "Exceptions"]

    @Test("LibreOffice converts every sheet of every sample's output with the expected values",
          .enabled(if: LibreOffice.executable != nil,
                   "soffice is not on PATH (Debian: libreoffice-calc-nogui); the outputs are not opened in LibreOffice here"),
          .timeLimit(.minutes(5)))
    func samplesOpenInLibreOffice() throws {
        let folder = TemporaryFolder.make()
        var outputs: [(sample: String, path: String)] = []
        for sample in sampleWorkbookNames() {
            let (output, result) = try rebalancedSample(sample)
            try #require(result.status == 0, "\(sample): \(result.stderr)")
            outputs.append((sample, output))
        }
        try LibreOffice.convertToCSV(outputs.map(\.path), into: folder)
        for (sample, output) in outputs {
            let stem = URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent
            func csv(_ sheet: String) throws -> [[String]] { try LibreOffice.rows("\(folder)/\(stem)-\(sheet).csv") }
            for sheet in Self.sheets {
                #expect(FileManager.default.fileExists(atPath: "\(folder)/\(stem)-\(sheet).csv"), "\(sample): no \(sheet) CSV")
            }
            try checkTrades(try csv("Trades"), against: try OutputBook(path: output), sample: sample)
            let summary = try csv("Summary")
            let sha = summary.first { $0.first == "Input SHA-256" }?[1]
            #expect(sha == sha256Hex(of: packageRoot + "/SampleWorkbooks/" + sample), "\(sample): Summary's SHA-256")
            #expect(summary.first { $0.first == "As Of" }?[1] == "2026-11-20", "\(sample): Summary's As Of")
            let cash = try csv("Cash")
            let after = Double(cash.first { $0.first == "Total" }?[6] ?? "")
            #expect(after != nil && after! > 0, "\(sample): the Cash total reads \(String(describing: after))")
        }
        let retiree = try LibreOffice.rows("\(folder)/Retiree Withdrawal - Rebalance-Trades.csv")
        #expect(retiree.contains { Array($0.prefix(6)) == ["BAKER-JT", "QQQ", "Sell", "130", "455", "59150"] })
        let legacy = try LibreOffice.rows("\(folder)/Legacy Transfer - Rebalance-Tax Impact.csv")
        let header = try #require(legacy.first)
        let column = try #require(header.firstIndex(of: "Tax Impact"))
        #expect(legacy.first { $0.first == "OKAFOR-IND" }?[column] == "19954.44")
    }

    @Test("The template and the custodian-export sample open in LibreOffice as written, and read back after a save there",
          .enabled(if: LibreOffice.executable != nil,
                   "soffice is not on PATH (Debian: libreoffice-calc-nogui); the inputs are not opened in LibreOffice here"),
          .timeLimit(.minutes(5)))
    func inputsOpenInLibreOffice() throws {
        // Copies, so LibreOffice's lock files never land beside the committed books.
        let source = TemporaryFolder.make()
        let template = source + "/Rebalance Template.xlsx"
        let export = source + "/Custodian Lot Export.xlsx"
        try FileManager.default.copyItem(atPath: TemplateCommandTests.committed, toPath: template)
        try FileManager.default.copyItem(atPath: packageRoot + "/SampleWorkbooks/Custodian Lot Export.xlsx", toPath: export)
        let csv = TemporaryFolder.make()
        try LibreOffice.convertToCSV([template, export], into: csv)
        #expect(try LibreOffice.rows(csv + "/Rebalance Template-Instructions.csv").first?.first == "Rebalance workbook: how to fill it in")
        let model = try LibreOffice.rows(csv + "/Rebalance Template-Model.csv")
        #expect(model.dropFirst().first == ["Model", "Symbol", "Target", "Band", "Sector"])
        #expect(model.contains { $0 == ["", "VTI", "50%", "3%", "US Equity"] })
        let lots = try LibreOffice.rows(csv + "/Custodian Lot Export-Lot Details.csv")
        #expect(lots.contains { Array($0.prefix(8)) == ["VTI", "VANGUARD TOTAL STOCK MARKET ETF", "03/15/2019", "250",
                                                         "$310.25", "$152.40", "$77,562.50", "$38,100.00"] })
        #expect(lots.contains { $0.first == "Account Total" })

        let saved = TemporaryFolder.make()
        try LibreOffice.resaveAsXLSX([template, export], into: saved)
        for name in ["Rebalance Template.xlsx", "Custodian Lot Export.xlsx"] {
            let reading = try PortfolioReader.read(path: saved + "/" + name, asOf: nil, today: CivilDate(year: 2030, month: 1, day: 1)!)
            #expect(reading.errors.isEmpty, "\(name) saved by LibreOffice: \(reading.errors)")
            #expect(reading.portfolio?.settings.asOf == CivilDate(year: 2026, month: 11, day: 20), "\(name)")
            #expect(reading.portfolio?.lots.count == (name.hasPrefix("Custodian") ? 7 : 5), "\(name)")
        }
    }

    /// Every trade's Amount as LibreOffice shows it equals the reader's; the totals are the sums, not 0.
    func checkTrades(_ rows: [[String]], against book: OutputBook, sample: String) throws {
        let header = try #require(rows.first)
        let amount = try #require(header.firstIndex(of: "Amount"))
        let side = try #require(header.firstIndex(of: "Side"))
        let trades = rows.dropFirst().filter { !$0[0].hasPrefix("Total") }
        #expect(trades.map { Double($0[amount]) } == book.rows("Trades").map { $0.number("Amount") }, "\(sample): Trades amounts")
        let sells = trades.filter { $0[side] == "Sell" }.compactMap { Double($0[amount]) }.reduce(0, +)
        let totalSells = rows.first { $0.first == "Total Sells" }.flatMap { Double($0[amount]) }
        #expect(totalSells != nil && abs(totalSells! - sells) < 0.005, "\(sample): Total Sells \(String(describing: totalSells)) for \(sells)")
        #expect(sells > 0, "\(sample): no sells")
    }

    func sha256Hex(of path: String) -> String {
        var hash = SHA256()
        hash.update(Array(FileManager.default.contents(atPath: path) ?? Data()))
        return hash.finalize().map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
