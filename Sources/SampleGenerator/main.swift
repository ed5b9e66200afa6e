import Glibc
import SampleBooks

/// `SampleGenerator FOLDER`: writes every sample workbook into FOLDER (SampleWorkbooks/).
///
/// Exit status: 0 written; 2 usage; 4 a workbook could not be written.
func printError(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 1, !arguments[0].hasPrefix("-") else {
    printError("usage: SampleGenerator FOLDER")
    exit(2)
}
for book in SampleBook.all {
    let path = arguments[0] + "/" + book.fileName
    do {
        try book.write(to: path)
    } catch {
        printError("SampleGenerator: \(path): \(error)")
        exit(4)
    }
    print(path)
}
