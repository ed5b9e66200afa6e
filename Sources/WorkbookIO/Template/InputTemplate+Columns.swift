/// What each template column holds, how its cells look, and the lists some choose from.
extension InputTemplate {
    static let accountTypes = ["Taxable", "Individual", "Joint", "Trust", "Custodial",
                               "IRA", "Roth", "401k", "403b", "SEP", "SIMPLE", "HSA"]
    static let yesNo = ["Yes", "No"]
    static let sides = ["Buy", "Sell"]

    /// What a sheet is for, in a sentence.
    static func purpose(of sheet: ContractSheet) -> String {
        switch sheet {
        case .settings: return "Settings: one row per setting; a missing key takes its default."
        case .accounts: return "Accounts: one row per account, with its cash, withdrawal and tax figures; blank cells take the Settings defaults."
        case .lots: return "Lots: one row per tax lot held."
        case .model: return "Model: each model's target weights; a CASH row sets the model's cash target."
        case .prices: return "Prices: a price for every symbol held, in a model, a replacement or a manual trade. "
            + "Without it, or for a symbol it lacks, the Lots sheet's Price, the price cache or the quote API prices it."
        case .securities: return "Securities: wash-sale families, exposure groups, harvest replacements, restrictions and phase-outs."
        case .groups: return "Groups: the most an exposure group may weigh in an account."
        case .sectors: return "Sectors: an absolute band around the summed model targets of each sector."
        case .transactions: return "Transactions: the last month or so of buys and sales, for wash-sale windows."
        case .manualTrades: return "Manual Trades: trades the PM orders by hand, applied as written before any other."
        }
    }

    /// A column's meaning, in a sentence or two.
    static func about(_ column: String, on sheet: ContractSheet) -> String {
        switch (sheet, column) {
        case (.settings, "Setting"): return "A setting's name, as listed on the Instructions sheet."
        case (.settings, "Value"): return "The setting's value."
        case (.settings, "About"): return "What the setting means (ignored by the tool)."
        case (.accounts, "Account"), (.lots, "Account"), (.transactions, "Account"), (.manualTrades, "Account"):
            return sheet == .accounts ? "The account's number or code, used on every other sheet."
                : "The account, as on the Accounts sheet; may be blank in a one-account book."
        case (.accounts, "Name"): return "A name to show on the output."
        case (.accounts, "Household"): return "Accounts of one household share wash-sale windows."
        case (.accounts, "Type"): return "Untaxed: IRA, Roth, 401k, 403b, SEP, SIMPLE, HSA. Taxed: Taxable, Individual, Joint, Trust, Custodial. Blank is Taxable."
        case (.accounts, "Cash"): return "Cash available to trade, in dollars."
        case (.accounts, "Cash Target"): return "The cash to keep, as a weight (3%); beats the model's CASH row and the setting."
        case (.accounts, "Withdrawal"): return "Dollars to raise and pay out in this run."
        case (.accounts, "Tax Budget"): return "The most new tax this run may cost, in dollars, or Unlimited; 0 means no net new tax."
        case (.accounts, "Short-Term Rate"), (.accounts, "Long-Term Rate"): return "The account's tax rate on gains of that term, as a percent."
        case (.accounts, "Realized ST YTD"), (.accounts, "Realized LT YTD"): return "Gains (negative: losses) already realized this year."
        case (.accounts, "ST Loss Carryforward"), (.accounts, "LT Loss Carryforward"): return "Losses carried from earlier years, as a positive amount."
        case (.accounts, "Model"), (.model, "Model"): return "The model's name; blank is the default model."
        case (_, "Symbol"): return "The ticker, as the custodian shows it."
        case (.lots, "Lot ID"): return "The custodian's lot number; blank makes one from symbol and row."
        case (.lots, "Quantity"): return "Shares held in the lot."
        case (.lots, "Cost Basis"): return "The lot's total cost in dollars; wins over Unit Cost. One of the two is required."
        case (.lots, "Unit Cost"): return "Cost per share, when the total is not given. One of Cost Basis and Unit Cost is required."
        case (.lots, "Acquired"): return "The date the lot was bought (2026-03-15 or 03/15/2026)."
        case (.lots, "Term"): return "Only to override the holding period: LT, ST or Inherited (inherited shares are long-term)."
        case (.lots, "Price"): return "The symbol's last price per share, as a lot export has it: used only when the Prices sheet has no row for the symbol, one price for all its lots."
        case (.model, "Target"): return "The symbol's target weight (45%); CASH sets the model's cash target."
        case (.model, "Band"), (.sectors, "Band"): return "Absolute tolerance around the target (3% means ±3 points); blank takes Default Band."
        case (.model, "Sector"), (.securities, "Sector"): return "The sector or asset class, for sector bands."
        case (.prices, "Price"): return "The last price per share."
        case (.prices, "As Of"): return "The price's date; blank is the run's As Of Date."
        case (.prices, "Source"): return "Where the price came from, shown on Price Provenance."
        case (.prices, "Override"): return "A price that wins over every other, with a warning."
        case (.securities, "Name"): return "The security's name."
        case (.securities, "Identical Group"): return "Symbols in one group are substantially identical for wash sales (GOOG and GOOGL)."
        case (.securities, "Exposure Group"): return "A group capped on the Groups sheet."
        case (.securities, "Replacement"): return "Symbols to buy after harvesting this one, comma-separated, first allowed wins."
        case (.securities, "Restriction"): return "No Buy, No Sell, No Trade, or Hold (kept untouched and outside weights)."
        case (.securities, "Phase Out"): return "Yes sells the position down over runs within the tax budget."
        case (.groups, "Exposure Group"): return "The group's name, as on the Securities sheet."
        case (.groups, "Max Weight"): return "The most the group may weigh in an account (10%)."
        case (.sectors, "Sector"): return "The sector's name, as on the Model sheet."
        case (.transactions, "Date"): return "The trade date."
        case (.transactions, "Side"), (.manualTrades, "Side"): return "Buy or Sell."
        case (.transactions, "Quantity"): return "Shares traded."
        case (.transactions, "Price"): return "Price per share."
        case (.transactions, "Realized Gain"): return "A sale's gain, negative for a loss; blank counts as a loss."
        case (.transactions, "Term"): return "ST or LT, for a sale's gain."
        case (.manualTrades, "Quantity"): return "Shares to trade; or give an Amount instead."
        case (.manualTrades, "Amount"): return "Dollars to trade, when no Quantity is given."
        case (.manualTrades, "Lot ID"): return "For a sale only: the Lots sheet's Lot ID of the one lot to sell from; "
            + "blank sells in Lot Method order."
        case (.manualTrades, "Note"): return "Why, shown in the trade's Reason."
        default: return column
        }
    }

    /// The look a column's cells get, so values typed in later are shown right.
    static func look(of column: String, on sheet: ContractSheet) -> GridCell.Look? {
        if sheet.columns.first(where: { $0.name == column })?.isWeight == true { return .percent }
        switch (sheet, column) {
        case (.lots, "Acquired"), (.prices, "As Of"), (.transactions, "Date"): return .date
        case (.lots, "Quantity"), (.transactions, "Quantity"), (.manualTrades, "Quantity"): return .quantity
        case (.prices, "Price"), (.prices, "Override"), (.transactions, "Price"), (.lots, "Unit Cost"), (.lots, "Price"): return .price
        case (.accounts, "Cash"), (.accounts, "Withdrawal"), (.accounts, "Tax Budget"), (.accounts, "Realized ST YTD"),
             (.accounts, "Realized LT YTD"), (.accounts, "ST Loss Carryforward"), (.accounts, "LT Loss Carryforward"),
             (.lots, "Cost Basis"), (.transactions, "Realized Gain"), (.manualTrades, "Amount"):
            return .money
        default: return nil
        }
    }

    /// The values a column takes from a list, if it does.
    static func choices(for column: String, on sheet: ContractSheet) -> [String]? {
        switch (sheet, column) {
        case (.accounts, "Type"): return accountTypes
        case (.lots, "Term"): return ["LT", "ST", "Inherited"]
        case (.transactions, "Term"): return ["ST", "LT"]
        case (.transactions, "Side"), (.manualTrades, "Side"): return sides
        case (.securities, "Restriction"): return ["No Buy", "No Sell", "No Trade", "Hold"]
        case (.securities, "Phase Out"): return yesNo
        default: return nil
        }
    }
}
