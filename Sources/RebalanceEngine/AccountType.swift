/// The tax treatment of an account, as the Accounts sheet's Type column names it.
public enum AccountType: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    case taxable = "Taxable"
    case individual = "Individual"
    case joint = "Joint"
    case trust = "Trust"
    case custodial = "Custodial"
    case ira = "IRA"
    case roth = "Roth"
    case k401 = "401k"
    case b403 = "403b"
    case sep = "SEP"
    case simple = "SIMPLE"
    case hsa = "HSA"

    /// The workbook's spelling.
    public var description: String { rawValue }

    /// Whether sales in the account realize taxable gains and losses.
    ///
    /// Retirement and health accounts are untaxed: they never owe, and a loss in them opens
    /// no wash-sale window, though a purchase in them can still be a replacement
    /// (Rev. Rul. 2008-5).
    public var isTaxed: Bool {
        switch self {
        case .taxable, .individual, .joint, .trust, .custodial: return true
        case .ira, .roth, .k401, .b403, .sep, .simple, .hsa: return false
        }
    }

    /// The type a Type cell names, matched ignoring case, spaces and punctuation
    /// (`401(k)` is `401k`); a blank cell is `Taxable`; anything else is `nil` (an input error).
    public init?(workbookName text: some StringProtocol) {
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: text.unicodeScalars.filter {
            $0.properties.isAlphabetic || ("0"..."9").contains($0)
        })
        let key = String(kept).lowercased()
        if key.isEmpty {
            self = .taxable
            return
        }
        guard let match = AccountType.allCases.first(where: { $0.rawValue.lowercased() == key }) else {
            return nil
        }
        self = match
    }
}
