/// A question by account, asked lot after lot. Lots usually come account by account, so
/// the question is answered once per run of one account's lots and the answer kept between.
struct AccountRunLookup<Value> {
    private let table: [String: Value]
    private var account: String?
    private var answer: Value?

    /// Answers from `table`.
    init(_ table: [String: Value] = [:]) {
        self.table = table
    }

    /// The table's value for `account`.
    mutating func value(for account: String) -> Value? {
        let table = self.table
        return value(for: account) { table[$0] }
    }

    /// `find`'s answer for `account`, asked only when `account` is not the last one asked.
    mutating func value(for account: String, _ find: (String) -> Value?) -> Value? {
        if account != self.account {
            self.account = account
            answer = find(account)
        }
        return answer
    }
}
