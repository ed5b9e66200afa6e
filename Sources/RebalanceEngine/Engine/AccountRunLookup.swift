/// A table keyed by account, asked lot after lot. Lots usually come account by account,
/// so the table is asked once per run of one account's lots and the answer kept between.
struct AccountRunLookup<Value> {
    private let table: [String: Value]
    private var account: String?
    private var answer: Value?

    init(_ table: [String: Value]) {
        self.table = table
    }

    /// The table's value for `account`.
    mutating func value(for account: String) -> Value? {
        if account != self.account {
            self.account = account
            answer = table[account]
        }
        return answer
    }
}
