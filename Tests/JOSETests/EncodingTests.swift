import JOSE
import Testing

@Suite("Strict base64url and JSON")
struct EncodingTests {
    @Test("base64url round-trips every length", arguments: 0...70)
    func roundTrip(length: Int) throws {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let encoded = Base64URL.encode(bytes)
        #expect(!encoded.contains("=") && !encoded.contains("+") && !encoded.contains("/"))
        #expect(try Base64URL.decode(encoded) == bytes)
    }

    @Test("base64url rejects what RFC 7515 §2 forbids", arguments: [
        ("eyJhIjoxfQ==", "padding"), ("eyJh Ijox", "whitespace"), ("eyJh\nIjox", "whitespace"), ("ab+/", "standard base64"),
        ("QR", "non-zero unused bits"), ("QUJDR", "4n+1"), ("A", "impossible"), ("ab*c", "not a base64url character"),
    ])
    func rejects(_ text: String, _ why: String) {
        #expect { try Base64URL.decode(text) } throws: { error in
            (error as? JOSEError)?.code == .malformed
        }
    }

    @Test func canonicalTrailingBits() throws {
        #expect(try Base64URL.decode("QQ") == [0x41])
        #expect(throws: JOSEError.self) { try Base64URL.decode("QR") }
    }

    @Test("JSON: duplicate member names are rejected, with the reason")
    func duplicates() {
        #expect { try JSONValue.parse(#"{"alg":"RS256","alg":"none"}"#) } throws: { error in
            "\(error)".contains("duplicate member name")
        }
    }

    @Test("JSON: member order is kept, output compact and pretty")
    func order() throws {
        let value = try JSONValue.parse(#"{"z":1,"a":[true,null],"m":{"y":"é","b":2.5}}"#)
        #expect(value.memberNames == ["z", "a", "m"])
        #expect(value.compact == #"{"z":1,"a":[true,null],"m":{"y":"é","b":2.5}}"#)
        #expect(value.pretty.hasPrefix("{\n  \"z\": 1,\n  \"a\": [\n"))
    }

    @Test("JSON: integers are exact")
    func exactIntegers() throws {
        let value = try JSONValue.parse(#"{"big":9007199254740993}"#)
        #expect(value["big"]?.integerValue == 9_007_199_254_740_993)
        #expect(value.compact == #"{"big":9007199254740993}"#)
    }

    @Test("JSON: malformed documents are rejected", arguments: [
        #"{"a":1} x"#, #"{"a":"\u0000"}"#, #"{"a":1,}"#, #"{'a':1}"#, "", #"{"a":NaN}"#, #"{"a":1e999}"#,
        String(repeating: "[", count: 40) + String(repeating: "]", count: 40),
    ])
    func malformed(_ text: String) {
        #expect(throws: JOSEError.self) { try JSONValue.parse(text) }
    }

    @Test("JSON: invalid UTF-8 is rejected")
    func invalidUTF8() {
        #expect { try JSONValue.parse([UInt8(ascii: "\""), 0xC3, 0x28, UInt8(ascii: "\"")]) } throws: { error in
            "\(error)".contains("UTF-8")
        }
    }

    @Test("JSON: nesting deeper than the limit is rejected before parsing")
    func depth() throws {
        let deep = String(repeating: "[", count: 33) + String(repeating: "]", count: 33)
        #expect { try JSONValue.parse(deep) } throws: { error in "\(error)".contains("depth") }
        _ = try JSONValue.parse(deep, limits: JSONLimits(maxDepth: 40))
        // Brackets inside strings do not count.
        _ = try JSONValue.parse(#"{"a":"\#(String(repeating: "[", count: 100))"}"#)
    }

    @Test("JSON: building values")
    func building() {
        let value: JSONValue = ["s": "x", "n": 3, "b": true, "a": [1, 2], "o": ["k": .null]]
        #expect(value.compact == #"{"s":"x","n":3,"b":true,"a":[1,2],"o":{"k":null}}"#)
        #expect(value.setting("n", to: 4).compact == #"{"s":"x","n":4,"b":true,"a":[1,2],"o":{"k":null}}"#)
        #expect(JSONValue.number(.nan).isNull)
        #expect(JSONValue.string("a\"b").compact == #""a\"b""#)
    }
}
