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
    /// (`401(k)` is `401k`), by its name or a registration a custodian writes for it (see
    /// `registrations`); a blank cell is `Taxable`; anything else is `nil` (an input error).
    public init?(workbookName text: some StringProtocol) {
        guard let reading = AccountType.reading(text) else { return nil }
        self = reading.type
    }

    /// The type a Type cell names, and whether it names it by a registration rather than
    /// by the type's own name (`Roth IRA` for `Roth`), for the reader's note.
    public static func reading(_ text: some StringProtocol) -> (type: AccountType, byRegistration: Bool)? {
        let key = matchingKey(text)
        if key.isEmpty { return (.taxable, false) }
        if let match = allCases.first(where: { matchingKey($0.rawValue) == key }) { return (match, false) }
        // UTMA and UGMA accounts are written with their state's code: `UTMA/CA`, `UGMA NY`.
        if key.count == 6, ["utma", "ugma"].contains(String(key.prefix(4))), key.suffix(2).allSatisfy(\.isLetter) {
            return (.custodial, true)
        }
        return registrations[key].map { ($0, true) }
    }

    /// Registrations as custodians and PMs write them, each with the type whose tax treatment
    /// it has: an IRA in any of its forms is untaxed (26 USC 408(e)), a Roth IRA too (408A),
    /// a Roth 401(k) or 403(b) is the plan's (402A); brokerage, joint, trust and UTMA/UGMA
    /// registrations are taxed. Keyed as matched: lower case, letters and digits only. A
    /// registration not listed is an error, never a guess at its treatment.
    public static let registrations: [String: AccountType] = {
        var table: [String: AccountType] = [:]
        let names: [(AccountType, [String])] = [
            (.taxable, ["Brokerage", "Taxable Brokerage", "Non-Retirement", "Nonretirement", "Non-Qualified", "Nonqualified"]),
            (.individual, ["Individual Brokerage", "Individual TOD", "Individual Account", "Indiv", "TOD", "TOD Individual",
                           "Individual (Taxable)", "Taxable Individual"]),
            (.joint, ["JTWROS", "Joint WROS", "Joint Tenants", "Joint Tenants WROS",
                      "Joint Tenants with Rights of Survivorship", "Joint Tenants in Common", "Tenants in Common",
                      "Joint TOD", "Joint Brokerage", "Community Property", "Joint TIC", "Joint JTWROS", "Joint Tenant",
                      "Joint Tenancy", "Joint Account", "Joint WROS TOD", "Tenants by the Entirety", "Joint Individual",
                      "Joint (Taxable)", "Taxable Joint"]),
            (.trust, ["Revocable Trust", "Irrevocable Trust", "Living Trust", "Family Trust", "Trust Account",
                      "Revocable Living Trust", "Irrevocable Living Trust", "Living Revocable Trust", "Grantor Trust",
                      "Testamentary Trust", "Credit Shelter Trust", "Bypass Trust", "Marital Trust", "Trust (Rev.)",
                      "Trust - Revocable", "Rev Trust", "Rev. Trust", "Trust (Irrev.)", "Irrev Trust", "Trust (Grantor)",
                      "Trust (Revocable)", "Trust (Irrevocable)", "Trust - Irrevocable", "Trust (Living)"]),
            (.custodial, ["UTMA", "UGMA", "UTMA/UGMA", "UGMA/UTMA", "Custodial UTMA", "Custodial UGMA"]),
            (.ira, ["Traditional IRA", "Trad IRA", "Rollover IRA", "IRA Rollover", "Contributory IRA",
                    "Inherited IRA", "Beneficiary IRA", "Inherited Traditional IRA", "Spousal IRA", "IRA - Rollover",
                    "IRA Rollover", "401(k) Rollover IRA", "IRA - Inherited", "Traditional IRA - Inherited",
                    "IRA - Traditional", "IRA Traditional", "IRA - Contributory", "IRA - Beneficiary", "Beneficiary IRA - Traditional",
                    "IRA - Spousal", "Individual IRA", "IRA Account", "Custodial IRA", "IRA (Custodial)", "Minor IRA"]),
            (.roth, ["Roth IRA", "Roth Contributory IRA", "Roth Conversion IRA", "Inherited Roth IRA",
                     "Roth Inherited IRA", "Roth Beneficiary IRA", "Roth IRA - Inherited", "Inherited Roth",
                     "IRA - Roth", "IRA Roth", "Roth IRA Account", "Custodial Roth IRA", "Roth IRA (Custodial)", "Minor Roth IRA"]),
            (.k401, ["Roth 401(k)", "Solo 401(k)", "Individual 401(k)", "Traditional 401(k)", "401(k) Plan"]),
            (.b403, ["Roth 403(b)", "403(b) Plan"]),
            (.sep, ["SEP IRA", "SEP-IRA"]),
            (.simple, ["SIMPLE IRA"]),
            (.hsa, ["Health Savings Account", "Health Savings"]),
        ]
        for (type, spellings) in names {
            for spelling in spellings { table[matchingKey(spelling)] = type }
        }
        return table
    }()

    /// `text` as Type cells are matched: letters and digits, lower case.
    private static func matchingKey(_ text: some StringProtocol) -> String {
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: text.unicodeScalars.filter {
            $0.properties.isAlphabetic || ("0"..."9").contains($0)
        })
        return String(kept).lowercased()
    }
}
