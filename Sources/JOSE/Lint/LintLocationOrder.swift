/// Where a finding's location (`token`, `header.kid`, `payload.redirect_uris[1]`, `signature`) falls in the token,
/// as numbers that sort in reading order: section, then the member's position in its document (members the token
/// lacks come after those it has), then the array index.
struct LintLocationOrder {
    private let headerMembers: [String: Int]
    private let payloadMembers: [String: Int]

    init(_ token: LintedToken) {
        func positions(_ document: JSONValue?) -> [String: Int] {
            var positions: [String: Int] = [:]
            for (index, member) in (document?.members ?? []).enumerated() where positions[member.name] == nil { positions[member.name] = index }
            return positions
        }
        headerMembers = positions(token.header)
        payloadMembers = positions(token.claims)
    }

    func rank(_ location: String) -> [Int] {
        let sections: [(prefix: String, rank: Int, members: [String: Int])] = [("header", 1, headerMembers), ("payload", 2, payloadMembers)]
        if location == "token" || location.hasPrefix("token ") { return [0] }
        for section in sections where location == section.prefix || location.hasPrefix(section.prefix + ".") {
            let path = location.dropFirst(section.prefix.count + 1)
            let name = String(path.prefix { $0 != "[" && $0 != "." })
            let index = path.drop { $0 != "[" }.dropFirst().prefix { $0.isASCII && $0.isNumber }
            return [section.rank, name.isEmpty ? -1 : section.members[name] ?? Int.max, Int(index) ?? -1]
        }
        if location.hasPrefix("signature") { return [3] }
        return [4]
    }
}
