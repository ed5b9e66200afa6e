/// A1-style cell references: column letters and row numbers, both 1-based.
public enum CellReference {
    /// `1` → `A`, `27` → `AA`, `16384` → `XFD`.
    public static func columnName(_ column: Int) -> String {
        var n = column
        var letters: [UInt8] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.append(UInt8(65 + remainder))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// `B7` for column 2, row 7.
    /// The column (1-based) of a cell's name such as `C1`, or nil when it starts with no letter.
    static func column(of name: String) -> Int? {
        var column = 0
        for byte in name.utf8 {
            guard (0x41...0x5A).contains(byte) else { break }
            column = column * 26 + Int(byte - 0x40)
            guard column <= 16_384 else { return nil }
        }
        return column > 0 ? column : nil
    }

    public static func name(column: Int, row: Int) -> String {
        "\(columnName(column))\(row)"
    }

    /// Splits `AB12` (optionally `$AB$12`) into column 28 and row 12; either may be absent.
    ///
    /// Returns nil for anything that is not a reference. Values past Excel's limits are
    /// returned as read, for the caller to reject with the cell named.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (column: Int?, row: Int?)? {
        var column = 0
        var row = 0
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "$") { index += 1 }
        var letters = 0
        while index < bytes.count {
            var b = bytes[index]
            if b >= 97 && b <= 122 { b -= 32 }
            guard b >= 65 && b <= 90 else { break }
            column = column * 26 + Int(b - 64)
            letters += 1
            if letters > 4 { return nil }
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "$") { index += 1 }
        var digits = 0
        while index < bytes.count {
            let b = bytes[index]
            guard b >= 48 && b <= 57 else { return nil }
            row = row * 10 + Int(b - 48)
            digits += 1
            if digits > 8 { return nil }
            index += 1
        }
        if letters == 0 && digits == 0 { return nil }
        return (letters > 0 ? column : nil, digits > 0 ? row : nil)
    }
}
