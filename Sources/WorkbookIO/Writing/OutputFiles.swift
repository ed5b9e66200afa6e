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
        let base = "\(stem(of: fileName(of: inputPath))) - Rebalance \(asOf)"
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
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// A file name without its extension: `Household Portfolio` for `Household Portfolio.xlsx`.
    static func stem(of name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
