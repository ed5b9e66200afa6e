import Foundation
import RebalanceEngine
import Testing
@testable import WorkbookIO

@Suite("Output files beside the input")
struct OutputFilesTests {
    let asOf = PlanFixture.asOf

    @Test("Named after the input and the as-of date, numbered when taken, both files alike")
    func naming() {
        var taken: Set<String> = ["/books/Household Portfolio.xlsx"]
        let first = OutputFiles.beside(input: "/books/Household Portfolio.xlsx", asOf: asOf) { taken.contains($0) }
        #expect(first.workbook == "/books/Household Portfolio - Rebalance 2026-03-16.xlsx")
        #expect(first.auditJSON == "/books/Household Portfolio - Rebalance 2026-03-16.audit.json")
        taken.insert(first.workbook)
        let second = OutputFiles.beside(input: "/books/Household Portfolio.xlsx", asOf: asOf) { taken.contains($0) }
        #expect(second.workbook == "/books/Household Portfolio - Rebalance 2026-03-16 (2).xlsx")
        #expect(second.auditJSON == "/books/Household Portfolio - Rebalance 2026-03-16 (2).audit.json")
        // A stray audit file alone also moves both on.
        taken.insert("/books/Household Portfolio - Rebalance 2026-03-16 (3).audit.json")
        taken.insert(second.workbook)
        let fourth = OutputFiles.beside(input: "/books/Household Portfolio.xlsx", asOf: asOf) { taken.contains($0) }
        #expect(fourth.workbook == "/books/Household Portfolio - Rebalance 2026-03-16 (4).xlsx")
    }

    @Test("An output name a few bytes short of the 255 a file name may have is written: its temporary name is cut short")
    func longestNames() throws {
        let folder = try PlanFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 107 two-byte letters: the audit JSON's name is 214 + 34 = 248 bytes, its temporary
        // name would have been 256.
        let input = folder + "/" + String(repeating: "é", count: 107) + ".xlsx"
        try Data("a book".utf8).write(to: URL(fileURLWithPath: input))
        let files = try PlanOutput.write(PlanFixture.plan, run: PlanFixture.run, besideInput: input)
        #expect(OutputFiles.fileName(of: files.auditJSON).utf8.count == 248)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(names.count == 3)
        #expect(names.contains(OutputFiles.fileName(of: files.workbook)) && names.contains(OutputFiles.fileName(of: files.auditJSON)))
    }

    @Test("An input name too long for the output's beside it is cut short in the output's, at a character")
    func longInputNames() throws {
        let folder = try PlanFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A legal 245-byte name: the output's, with ` - Rebalance <As Of>.audit.json`, would be 274
        // bytes, and the run failed at its last step (explore-AP).
        for stem in [String(repeating: "L", count: 240), String(repeating: "é", count: 120)] {
            let input = folder + "/" + stem + ".xlsx"
            try Data("a book".utf8).write(to: URL(fileURLWithPath: input))
            let files = try PlanOutput.write(PlanFixture.plan, run: PlanFixture.run, besideInput: input)
            let name = OutputFiles.fileName(of: files.auditJSON)
            #expect(name.utf8.count <= 255 - " (9999)".utf8.count)
            #expect(name.hasPrefix(String(stem.prefix(100))) && name.hasSuffix(" - Rebalance 2026-03-16.audit.json"))
            #expect(FileManager.default.fileExists(atPath: files.workbook))
        }
    }

    @Test("A bare file name stays in the current folder; only the last extension goes", arguments: [
        ("book.xlsx", "book - Rebalance 2026-03-16.xlsx"),
        ("Q1.v2.xlsm", "Q1.v2 - Rebalance 2026-03-16.xlsx"),
        ("./.hidden", "./.hidden - Rebalance 2026-03-16.xlsx"),
        ("/a/b/noext", "/a/b/noext - Rebalance 2026-03-16.xlsx"),
    ])
    func bareNames(input: String, workbook: String) {
        #expect(OutputFiles.beside(input: input, asOf: asOf) { $0 == input }.workbook == workbook)
    }

    @Test("Writing beside the input: both files appear whole, a second run gets (2), the input is untouched")
    func writeBesideInput() throws {
        let folder = try PlanFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = folder + "/Household Portfolio.xlsx"
        let inputBytes = Data("not really a workbook".utf8)
        try inputBytes.write(to: URL(fileURLWithPath: input))
        let first = try PlanOutput.write(PlanFixture.plan, run: PlanFixture.run, besideInput: input)
        let second = try PlanOutput.write(PlanFixture.plan, run: PlanFixture.run, besideInput: input)
        #expect(first.workbook == folder + "/Household Portfolio - Rebalance 2026-03-16.xlsx")
        #expect(second.auditJSON == folder + "/Household Portfolio - Rebalance 2026-03-16 (2).audit.json")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == [
            "Household Portfolio - Rebalance 2026-03-16 (2).audit.json",
            "Household Portfolio - Rebalance 2026-03-16 (2).xlsx",
            "Household Portfolio - Rebalance 2026-03-16.audit.json",
            "Household Portfolio - Rebalance 2026-03-16.xlsx",
            "Household Portfolio.xlsx",
        ])
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == inputBytes)
        #expect(try Data(contentsOf: URL(fileURLWithPath: first.workbook))
                == Data(contentsOf: URL(fileURLWithPath: second.workbook)))
        #expect(try Data(contentsOf: URL(fileURLWithPath: first.auditJSON))
                == Data(contentsOf: URL(fileURLWithPath: second.auditJSON)))
        #expect(try Workbook(path: first.workbook).sheets.count == 10)
    }

    @Test("A name another run takes while this one writes is not written over: the next free pair is asked for")
    func nameTakenWhileWriting() throws {
        let folder = try PlanFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let taken = Data("another run's workbook".utf8)
        var asked = 0
        let files = try PlanOutput.write(PlanFixture.plan, run: PlanFixture.run) { () -> OutputFiles in
            asked += 1
            // Found free, then another run writes the workbook's name before this one takes it.
            if asked == 2 { try? taken.write(to: URL(fileURLWithPath: folder + "/out.xlsx")) }
            let name = asked <= 2 ? "/out" : "/out (2)"
            return OutputFiles(workbook: folder + name + ".xlsx", auditJSON: folder + name + ".audit.json")
        }
        #expect(files.workbook == folder + "/out (2).xlsx")
        #expect(asked == 3)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/out.xlsx")) == taken)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
                == ["out (2).audit.json", "out (2).xlsx", "out.xlsx"])
        #expect(try Workbook(path: files.workbook).sheets.count == 10)
    }

    @Test("A temporary output is listed for removal on Ctrl-C or kill while it is written, and taken off once named")
    func interruptList() throws {
        func listed(_ path: String) -> Bool {
            (0..<InterruptCleanup.capacity).contains { index in
                InterruptCleanup.table[index].map { String(cString: $0) == path } ?? false
            }
        }
        let folder = try PlanFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var file = try TemporaryFile(finalPath: folder + "/out.xlsx")
        #expect(listed(file.path))
        try file.commit()
        #expect(!listed(file.path))
        let dropped = try TemporaryFile(finalPath: folder + "/other.xlsx")
        #expect(listed(dropped.path))
        dropped.discard()
        #expect(!listed(dropped.path))
    }

    @Test("A folder that does not exist: an error naming the file, nothing written")
    func missingFolder() throws {
        let folder = try PlanFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = folder + "/gone/Book.xlsx"
        let error = try #require(throws: WorkbookWriteError.self) {
            try PlanOutput.write(PlanFixture.plan, run: PlanFixture.run, besideInput: input)
        }
        #expect(error.doing.contains("Book - Rebalance 2026-03-16.xlsx"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test("A failure while writing the workbook leaves no file behind, temporary or final")
    func failureMidway() throws {
        let folder = try PlanFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var plan = PlanFixture.plan
        plan.auditLog[2].rule = String(repeating: "y", count: 33_000)
        let files = OutputFiles(workbook: folder + "/out.xlsx", auditJSON: folder + "/out.audit.json")
        let error = try #require(throws: WorkbookWriteError.self) {
            try PlanOutput.write(plan, run: PlanFixture.run, to: files)
        }
        #expect(error.doing == "writing Audit Log!E4")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test("When the audit JSON cannot take its name, the workbook already renamed is removed too")
    func secondRenameFails() throws {
        let folder = try PlanFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A non-empty folder where the audit JSON should go: rename(2) cannot replace it.
        try FileManager.default.createDirectory(atPath: folder + "/out.audit.json/inside", withIntermediateDirectories: true)
        let files = OutputFiles(workbook: folder + "/out.xlsx", auditJSON: folder + "/out.audit.json")
        #expect(throws: WorkbookWriteError.self) {
            try PlanOutput.write(PlanFixture.plan, run: PlanFixture.run, to: files)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.audit.json"])
    }
}
