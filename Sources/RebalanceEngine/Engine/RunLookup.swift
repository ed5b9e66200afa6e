/// A question by name (an account, a symbol), asked item after item. Lots usually come
/// account by account, and a symbol's lots together, so the question is answered once per
/// run of one name and the answer kept between.
struct RunLookup<Value> {
    private let table: [String: Value]
    private var name: String?
    private var answer: Value?

    /// Answers from `table`.
    init(_ table: [String: Value] = [:]) {
        self.table = table
    }

    /// The table's value for `name`.
    mutating func value(for name: String) -> Value? {
        let table = self.table
        return value(for: name) { table[$0] }
    }

    /// `find`'s answer for `name`, asked only when `name` is not the last one asked.
    mutating func value(for name: String, _ find: (String) -> Value?) -> Value? {
        if name != self.name {
            self.name = name
            answer = find(name)
        }
        return answer
    }
}
