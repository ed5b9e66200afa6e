import Glibc
import RebalanceEngine

/// Where a run's output goes: `<input name> - Rebalance <As Of>.xlsx` beside the input,
/// with `<same name>.audit.json` beside it (WORKBOOK.md, Output workbook).
public struct OutputFiles: Sendable, Hashable {
    /// The output workbook's path.
    public var workbook: String
    /// The audit JSON's path.
    public var auditJSON: String

    public init(workbook: String, auditJSON: String) {
        self.workbook = workbook
        self.auditJSON = auditJSON
    }

    /// The first free pair of names beside the input: the plain name, then ` (2)`, ` (3)`…
    ///
    /// Both files take the same number, and neither may already exist, so neither the
    /// input nor an earlier run's output is ever written over.
    public static func beside(input inputPath: String, asOf: CivilDate,
                              exists: (String) -> Bool = OutputFiles.fileExists) -> OutputFiles {
        let folder = directory(of: inputPath)
        // A file name holds at most 255 bytes: the input's name is cut short where the output's,
        // numbered and with `.audit.json`, would pass that (a legal 245-byte input name failed
        // the run at its last step, exit 4, naming a temporary file; explore-AP).
        var stem = Substring(stem(of: fileName(of: inputPath)))
        while stem.utf8.count > maxStemBytes { stem = stem.dropLast() }
        let base = "\(stem) - Rebalance \(asOf)"
        var number = 1
        while true {
            let name = number == 1 ? base : "\(base) (\(number))"
            let files = OutputFiles(workbook: folder + name + ".xlsx", auditJSON: folder + name + ".audit.json")
            if files.workbook != inputPath, files.auditJSON != inputPath,
               !exists(files.workbook), !exists(files.auditJSON) {
                return files
            }
            number += 1
        }
    }

    /// The most bytes of the input's name an output's name keeps: 255 less ` - Rebalance
    /// 2026-11-20`, ` (9999)` and `.audit.json`.
    static let maxStemBytes = 255 - " - Rebalance 2026-11-20".utf8.count - " (9999)".utf8.count - ".audit.json".utf8.count

    /// Whether anything (a file, a folder, a dangling link) has this path.
    public static func fileExists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// The last component of a path: `Book.xlsx` for `/data/Book.xlsx`.
    public static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The folder part of a path with its trailing slash (`/data/`), or empty for a bare name.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// A file name without its extension: `Household Portfolio` for `Household Portfolio.xlsx`.
    static func stem(of name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
