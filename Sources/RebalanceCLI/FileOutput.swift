import Glibc

/// Writes to the standard streams through their file descriptors, so that output and
/// messages are never reordered by buffering.
enum FileOutput {
    static func standardError(_ text: String) { _ = write(text, to: 2) }

    /// Writes to standard output; the system's error when it could not (a full disk, `>
    /// /dev/full`), for the run to say and end on rather than report success.
    @discardableResult
    static func standardOutput(_ text: String) -> Int32? { write(text, to: 1) }

    private static func write(_ text: String, to descriptor: Int32) -> Int32? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { return errno }
                if n == 0 { return EIO }
                offset += n
            }
            return nil
        }
    }
}

/// Prints a line to standard output, as a terminal should show it (`terminalText`).
@discardableResult
func printLine(_ line: String) -> Int32? {
    FileOutput.standardOutput(terminalText(line) + "\n")
}

/// Prints a line of JSON to standard output as it is: the encoder has escaped every control
/// character, and a script reads the values whole.
@discardableResult
func printJSON(_ json: String) -> Int32? {
    FileOutput.standardOutput(json + "\n")
}

/// `text` with the characters a workbook can hold but a terminal would act on rather than
/// show spelled out as `<U+001B>`: control characters (an escape sequence in an account name
/// could clear the screen or retitle the window) and the marks that reverse the direction of
/// what follows. Line breaks and tabs stay.
func terminalText(_ text: String) -> String {
    func acted(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return false
        case 0...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
    return spellingOut(text, where: acted)
}

/// `text` with each character `spelled` says spelled out as `<U+001B>`.
func spellingOut(_ text: String, where spelled: (Unicode.Scalar) -> Bool) -> String {
    guard text.unicodeScalars.contains(where: spelled) else { return text }
    var shown = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        if spelled(scalar) {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            shown.append(contentsOf: "<U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)>".unicodeScalars)
        } else {
            shown.append(scalar)
        }
    }
    return String(shown)
}
