import Testing
@testable import RebalanceEngine

@Suite("Sentences put together in one buffer")
struct SentenceTests {
    @Test func interpolationsAndPartsComeOutInOrder() {
        let shares = 120
        var reason: Sentence = "Sell \(shares) AAPL: \("4.1%") over its 15% target"
        reason.append("; lots A2 (ST, ")
        reason.append(dollars: Money(cents: 96_000), signed: true)
        reason.append(") then A1 (LT, ")
        reason.append(dollars: Money(cents: -420_000), signed: true)
        reason.append("); est. tax ")
        reason.append(dollars: Money(cents: 139_128))
        #expect(reason.text == "Sell 120 AAPL: 4.1% over its 15% target; lots A2 (ST, +$960.00) "
            + "then A1 (LT, -$4,200.00); est. tax $1,391.28")
    }

    /// Numbers and dates are written into the buffer without a `String` of their own, in
    /// the forms a PM reads everywhere else in the workbook.
    @Test func numbersAndDatesAreWrittenInTheirReadForms() {
        let amounts: [(Int64, String, String)] = [
            (0, "$0.00", "+$0.00"), (5, "$0.05", "+$0.05"), (-5, "-$0.05", "-$0.05"),
            (123_456, "$1,234.56", "+$1,234.56"), (-99_999_999, "-$999,999.99", "-$999,999.99"),
            (100_000_000_000, "$1,000,000,000.00", "+$1,000,000,000.00"),
        ]
        for (cents, plain, signed) in amounts {
            let amount = Money(cents: cents)
            #expect(Sentence("\(dollars: amount)").text == plain)
            #expect(Sentence("\(signedDollars: amount)").text == signed)
            #expect(amount.formatted == plain)
        }
        let quantities: [(Int64, String)] = [
            (0, "0"), (1, "0.000001"), (1_000_000, "1"), (120_000_000, "120"), (12_345_600, "12.3456"),
            (-2_500_000, "-2.5"), (999_999, "0.999999"),
        ]
        for (micros, text) in quantities {
            #expect(Sentence("\(Quantity(micros: micros))").text == text)
            #expect(Quantity(micros: micros).description == text)
        }
        for number in [0, 7, -7, 10, 1_234_567, Int.max, Int.min + 1] {
            #expect(Sentence("\(number)").text == number.description)
        }
        let percents: [(Double, String)] = [(0, "0%"), (0.15, "15%"), (0.0413, "4.13%"), (0.025, "2.5%"), (-0.041, "-4.1%"), (1.5, "150%")]
        for (fraction, text) in percents {
            #expect(Sentence("\(percent: fraction)").text == text)
            #expect(Planning.percent(fraction) == text)
        }
        let dates = [(CivilDate(year: 2026, month: 3, day: 5), "2026-03-05"), (CivilDate(year: 1, month: 12, day: 31), "0001-12-31")]
        for (date, text) in dates {
            #expect(Sentence("on \(date!)").text == "on " + text)
            #expect(date!.description == text)
        }
        #expect(Planning.boughtLotID("AAPL", 3) == "AAPL-bought-3")
        #expect(Planning.boughtLotID("BRK.B", 1_204) == "BRK.B-bought-1204")
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

    @Test func aSentenceEmptiedWhileSharedKeepsItsCopysWords() {
        var first = Sentence(capacity: 64)
        first.append("Sell 3 AAPL")
        let copy = first
        first.removeAll()
        first.append("Buy 2 MSFT")
        #expect(first.text == "Buy 2 MSFT")
        #expect(copy.text == "Sell 3 AAPL")
        // Emptied when no copy holds its buffer, it writes there again.
        var reused = Sentence(capacity: 64)
        for words in ["a", "bc", "def"] {
            reused.removeAll()
            reused.append(words)
            #expect(reused.text == words)
        }
    }

    @Test func textOtherThanASCIIKeepsItsBytes() {
        let composed = "Caf\u{E9}", combining = "Cafe\u{301}"
        let sentence: Sentence = "\(composed) and \(combining) — 5 €"
        #expect(Array(sentence.text.utf8) == Array("\(composed) and \(combining) — 5 €".utf8))
    }
}
