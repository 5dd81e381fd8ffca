import Foundation
import Testing

@testable import ReelRank

@Suite("InteractionCSV")
struct InteractionCSVTests {
    @Test("parses rows in file order, tolerating BOM, CRLF, spaces and blank lines")
    func parsesValidInput() throws {
        let text = "\u{FEFF}user, item ,timestamp,weight\r\n12620,2171847,1362062307,6\r\n\r\n-3, 7 ,0,0.85\n5,6,7,1e-3\n"
        let rows = try InteractionCSV.parse(text)
        #expect(rows == [
            Interaction(user: 12620, item: 2171847, timestamp: 1362062307, weight: 6),
            Interaction(user: -3, item: 7, timestamp: 0, weight: 0.85),
            Interaction(user: 5, item: 6, timestamp: 7, weight: 0.001),
        ])
    }

    @Test("decimal weights parse to the nearest double", arguments: ["0.1", "7.25", "-2.5", "+3", "123456789.123456", "10."])
    func decimalWeights(weight: String) throws {
        let rows = try InteractionCSV.parse("user,item,timestamp,weight\n1,2,3,\(weight)\n")
        #expect(rows.first?.weight == Double(weight))
    }

    @Test("a header-only file has no rows")
    func headerOnly() throws {
        #expect(try InteractionCSV.parse("user,item,timestamp,weight").isEmpty)
    }

    @Test("malformed input names the line and the problem", arguments: [
        ("", 1, "empty input"),
        ("1,2,3,4\n", 1, "expected header"),
        ("user,item,time,weight\n1,2,3,4\n", 1, "expected header"),
        ("user,item,timestamp,weight\n1,2,3,4\n1,2,3\n", 3, "expected 4 fields"),
        ("user,item,timestamp,weight\n\n1,2,3,4,5\n", 3, "found 5"),
        ("user,item,timestamp,weight\nalice,2,3,4\n", 2, "user \"alice\" is not an integer"),
        ("user,item,timestamp,weight\n1,,3,4\n", 2, "item \"\" is not an integer"),
        ("user,item,timestamp,weight\n1,2,3.5,4\n", 2, "timestamp \"3.5\" is not an integer"),
        ("user,item,timestamp,weight\n1,2,99999999999999999999,4\n", 2, "timestamp"),
        ("user,item,timestamp,weight\n1,2,3,nan\n", 2, "weight \"nan\" is not a finite number"),
        ("user,item,timestamp,weight\n1,2,3,1e999\n", 2, "not a finite number"),
        ("user,item,timestamp,weight\n1,2,3,seven\n", 2, "weight \"seven\""),
    ])
    func reportsErrors(text: String, line: Int, reason: String) {
        #expect {
            try InteractionCSV.parse(text)
        } throws: { error in
            guard let error = error as? InteractionCSV.ParseError else { return false }
            return error.line == line && error.reason.contains(reason)
                && error.description.hasPrefix("line \(line): ")
        }
    }

    @Test("reads a file, and reports a missing one")
    func readsFiles() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("interactions-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try "user,item,timestamp,weight\n1,2,3,4\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(try InteractionCSV.read(contentsOf: url) == [Interaction(user: 1, item: 2, timestamp: 3, weight: 4)])
        #expect(throws: (any Error).self) {
            try InteractionCSV.read(contentsOf: url.appendingPathExtension("missing"))
        }
    }

    @Test("a large generated log round-trips")
    func largeInput() throws {
        let expected = (0..<200_000).map { Interaction(user: $0 % 997, item: $0 % 5003, timestamp: 1_360_000_000 + $0, weight: Double($0 % 11)) }
        let text = InteractionCSV.header + "\n"
            + expected.map { "\($0.user),\($0.item),\($0.timestamp),\(Int($0.weight))" }.joined(separator: "\n")
        #expect(try InteractionCSV.parse(text) == expected)
    }
}
