import Testing
@testable import RebalanceEngine

@Suite("Wide products and their quotients")
struct WideUIntTests {
    @Test("A product that fits 64 bits divides exactly, remainder kept")
    func sixtyFourBits() {
        let (quotient, remainder) = WideUInt.product(7, 3).quotientAndRemainder(dividingBy: 2)
        #expect(quotient == 10)
        #expect(remainder == 1)
    }

    @Test("A product past 64 bits divides exactly when its quotient fits")
    func oneHundredTwentyEightBits() {
        // (2^64 − 1)² / (2^64 − 1) = 2^64 − 1.
        let square = WideUInt.product(.max, .max).quotientAndRemainder(dividingBy: .max)
        #expect(square.quotient == .max)
        #expect(square.remainder == 0)
        // 2^65 / 3 = 12,297,829,382,473,034,410 remainder 2.
        let third = WideUInt.product(1 << 63, 4).quotientAndRemainder(dividingBy: 3)
        #expect(third.quotient == 12_297_829_382_473_034_410)
        #expect(third.remainder == 2)
    }

    @Test("Half a unit rounds up, just under half rounds down, at both widths")
    func roundingHalfUp() {
        #expect(roundedProductQuotient(5, 1, dividedBy: 2) == 3)
        #expect(roundedProductQuotient(-5, 1, dividedBy: 2) == -3)
        #expect(roundedProductQuotient(4, 1, dividedBy: 3) == 1)
        // $92,233,720,368,547,758.07 (Int64.max cents) × 3 / 6: past 64 bits in the middle.
        #expect(roundedProductQuotient(Int64.max, 3, dividedBy: 6) == Int64.max / 2 + 1)
        #expect(roundedProductQuotient(Int64.max - 1, 3, dividedBy: 6) == (Int64.max - 1) / 2)
    }
}
