import JOSE

/// What the backend "extracts implicitly" for `X-Device-Info` (`[EL-REG]`, `[EL-XDI]`): the `User-Agent` itself, the
/// operating system and browser it names (spelled as the header page's restricted values), and the client's address.
/// Only what the text plainly says; nothing is guessed.
enum UserAgentHints {
    /// `userAgent`, `osName`, `browserName` and `connectionIp`, each when known.
    static func members(userAgent: String?, peer: String?) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        if let userAgent = userAgent.map({ String($0.prefix(512)) }), !userAgent.isEmpty {
            members.append(("userAgent", .string(userAgent)))
            if let os = operatingSystems.first(where: { userAgent.contains($0.marker) }) { members.append(("osName", .string(os.name))) }
            if let browser = browsers.first(where: { userAgent.contains($0.marker) }) { members.append(("browserName", .string(browser.name))) }
        }
        if let peer, !peer.isEmpty { members.append(("connectionIp", .string(peer))) }
        return members
    }

    /// Most specific first: Android and Chrome OS user agents also say Linux; iOS and tvOS ones say Mac OS X.
    private static let operatingSystems: [(marker: String, name: String)] = [
        ("Android", "Android"), ("CrOS", "Chrome OS"), ("AppleTV", "tvOS"), ("Apple TV", "tvOS"), ("tvOS", "tvOS"), ("iPhone", "iOS"), ("iPad", "iOS"),
        ("Roku", "Roku OS"), ("Web0S", "webOS"), ("webOS", "webOS"), ("Windows", "Windows"), ("Mac OS X", "Mac OS"),
        ("Macintosh", "Mac OS"), ("OpenBSD", "OpenBSD"), ("Linux", "Linux"),
    ]

    /// Most specific first: Edge and Opera user agents also say Chrome and Safari; Chrome ones say Safari.
    private static let browsers: [(marker: String, name: String)] = [
        ("Edg/", "Edge"), ("OPR/", "Opera"), ("Opera", "Opera"), ("SeaMonkey/", "SeaMonkey"), ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"), ("Safari/", "Safari"), ("MSIE ", "Internet Explorer"), ("Trident/", "Internet Explorer"),
    ]
}
