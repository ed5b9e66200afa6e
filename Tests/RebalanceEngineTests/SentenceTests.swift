import Testing
@testable import RebalanceEngine

@Suite("Sentences put together in one buffer")
struct SentenceTests {
    @Test func interpolationsAndPartsComeOutInOrder() {
        let shares = 120
        var reason: Sentence = "Sell \(shares) AAPL: \("4.1%") over its 15% target"
        reason.append("; lots ")
        reason.append(["A2 (ST)", "A1 (LT)"], separator: " then ")
        #expect(reason.text == "Sell 120 AAPL: 4.1% over its 15% target; lots A2 (ST) then A1 (LT)")
    }

    @Test func aSentenceGrowsPastItsRoom() {
        var sentence = Sentence(capacity: 4)
        let part = "a part of thirty bytes, twice "
        for _ in 0..<100 { sentence.append(part) }
        #expect(sentence.text == String(repeating: part, count: 100))
    }

    @Test func aCopyKeepsItsOwnWords() {
        // Room for every append below, so only sharing can make a buffer of their own.
        var first = Sentence(capacity: 64)
        first.append("Buy 10 GOOG")
        let copy = first
        first.append(" and 5 GOOGL")
        var second = copy
        second += "; est. tax $0.00"
        #expect(first.text == "Buy 10 GOOG and 5 GOOGL")
        #expect(copy.text == "Buy 10 GOOG")
        #expect(second.text == "Buy 10 GOOG; est. tax $0.00")
        #expect((copy + " now").text == "Buy 10 GOOG now")
        #expect(copy.text == "Buy 10 GOOG")
    }

    @Test func textOtherThanASCIIKeepsItsBytes() {
        let composed = "Caf\u{E9}", combining = "Cafe\u{301}"
        let sentence: Sentence = "\(composed) and \(combining) — 5 €"
        #expect(Array(sentence.text.utf8) == Array("\(composed) and \(combining) — 5 €".utf8))
    }
}
