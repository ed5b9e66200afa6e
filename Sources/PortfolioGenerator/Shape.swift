/// How large a generated portfolio is: the ranges each count is drawn from.
public struct Shape: Sendable, Hashable {
    /// How many accounts the book holds.
    public var accounts: ClosedRange<Int>
    /// How many accounts one household holds.
    public var householdSize: ClosedRange<Int>
    /// The most households the accounts are split into.
    public var maxHouseholds: Int
    /// How many symbols the universe has (held, modelled, replacements, restricted).
    public var symbols: ClosedRange<Int>
    /// How many symbols the default model holds; at most the universe less one is used.
    public var modelSymbols: ClosedRange<Int>
    /// How many lots each account holds.
    public var lotsPerAccount: ClosedRange<Int>
    /// How many Transactions rows each account has besides the purchases of its recent lots,
    /// which are listed too unless the range is `0...0`.
    public var transactionsPerAccount: ClosedRange<Int>
    /// The chance that an account has manual trades (one or two).
    public var manualTradeChance: Double
    /// The chance that an account has a withdrawal.
    public var withdrawalChance: Double
    /// Whether a second, named model may be generated for some accounts.
    public var allowsSecondModel: Bool
    /// The chance that a symbol carries a restriction (No Buy, No Sell, No Trade or Hold).
    public var restrictionChance: Double
    /// The chance that a symbol carries Phase Out = Yes.
    public var phaseOutChance: Double
    /// The chance that a new symbol comes with other share classes in its Identical Group.
    public var shareClassChance: Double

    public init(accounts: ClosedRange<Int>, householdSize: ClosedRange<Int>, maxHouseholds: Int = .max,
                symbols: ClosedRange<Int>, modelSymbols: ClosedRange<Int>, lotsPerAccount: ClosedRange<Int>,
                transactionsPerAccount: ClosedRange<Int>, manualTradeChance: Double, withdrawalChance: Double,
                allowsSecondModel: Bool, restrictionChance: Double = 0.12, phaseOutChance: Double = 0.07,
                shareClassChance: Double = 0.2) {
        precondition(accounts.lowerBound >= 1, "a portfolio has at least one account")
        precondition(householdSize.lowerBound >= 1 && maxHouseholds >= 1, "a household has at least one account")
        precondition(symbols.lowerBound >= 3, "the universe needs at least three symbols")
        precondition(modelSymbols.lowerBound >= 1, "a model holds at least one symbol")
        precondition(lotsPerAccount.lowerBound >= 0 && transactionsPerAccount.lowerBound >= 0,
                     "counts are not negative")
        self.accounts = accounts
        self.householdSize = householdSize
        self.maxHouseholds = maxHouseholds
        self.symbols = symbols
        self.modelSymbols = modelSymbols
        self.lotsPerAccount = lotsPerAccount
        self.transactionsPerAccount = transactionsPerAccount
        self.manualTradeChance = manualTradeChance
        self.withdrawalChance = withdrawalChance
        self.allowsSecondModel = allowsSecondModel
        self.restrictionChance = restrictionChance
        self.phaseOutChance = phaseOutChance
        self.shareClassChance = shareClassChance
    }

    /// A small book for property tests: 1–3 households, 1–4 accounts, 3–15 symbols, up to 40 lots.
    public static let small = Shape(
        accounts: 1...4, householdSize: 1...4, maxHouseholds: 3, symbols: 3...15, modelSymbols: 2...8,
        lotsPerAccount: 0...10, transactionsPerAccount: 0...4, manualTradeChance: 0.35,
        withdrawalChance: 0.3, allowsSecondModel: true)

    /// A larger book: 6–12 accounts with 20–60 lots each, otherwise as `small`.
    public static let larger: Shape = {
        var shape = Shape.small
        shape.accounts = 6...12
        shape.householdSize = 1...4
        shape.lotsPerAccount = 20...60
        shape.withdrawalChance = 0.3
        return shape
    }()

    /// One or two households of 8–16 accounts over a few symbols, with many recent trades:
    /// each account's sales meet the others' purchases across the household (wash sales
    /// across accounts, share classes, manual trades and withdrawals together).
    public static let dense = Shape(
        accounts: 8...16, householdSize: 4...16, maxHouseholds: 2, symbols: 6...18, modelSymbols: 3...8,
        lotsPerAccount: 10...40, transactionsPerAccount: 2...8, manualTradeChance: 0.5,
        withdrawalChance: 0.4, allowsSecondModel: true, phaseOutChance: 0.1, shareClassChance: 0.4)

    /// A firm's book for benchmarks: 1,000 accounts in households of 1–4, 200 lots each,
    /// 500 symbols and a model of 100.
    public static let firmScale = Shape(
        accounts: 1_000...1_000, householdSize: 1...4, symbols: 500...500, modelSymbols: 100...100,
        lotsPerAccount: 200...200, transactionsPerAccount: 0...3, manualTradeChance: 0.05,
        withdrawalChance: 0.1, allowsSecondModel: false)
}
