import Glibc

/// Writes to the standard streams through their file descriptors, so that output and
/// messages are never reordered by buffering.
enum FileOutput {
    static func standardError(_ text: String) { write(text, to: 2) }
    static func standardOutput(_ text: String) { write(text, to: 1) }

    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }
}

/// Prints a line to standard output.
func printLine(_ line: String) {
    FileOutput.standardOutput(line + "\n")
}
