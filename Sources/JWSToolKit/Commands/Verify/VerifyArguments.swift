import ArgumentParser
import JOSE

/// The fast path of `jwstool verify`: reads a well-formed `verify` command line into a ``Verification`` directly.
///
/// ArgumentParser builds its picture of a command by reflecting over the command's properties, and in a fresh
/// process that cost 1.5–2 ms — more than loading the program and verifying an RS256 token together. A build
/// script that runs `jwstool verify` once per token pays it every time, so this reader handles the command lines such a
/// script writes: every option of `verify` as `--name value` or `--name=value`, `-q`, `--`, and the inputs. Whatever
/// it is not sure of — help, `--version`, an unknown or repeated option, a value that looks like an option, an invalid
/// value, a combination `validate()` refuses — it declines, and ArgumentParser reads the command line as always,
/// with its own messages. `VerifyArgumentsTests` holds the two readers to the same ``Verification`` for every option
/// and checks that every option ``VerifyCommand`` declares is known here.
enum VerifyArguments {
    /// The run `arguments` (without the program name, beginning with `verify`) ask for, or nil to leave them to
    /// ArgumentParser.
    static func verification(_ arguments: [String]) -> Verification? {
        guard arguments.first == VerifyCommand.configuration.commandName else { return nil }
        var verification = Verification()
        var given: Set<String> = []
        var rest = arguments.dropFirst()[...]
        while let argument = rest.popFirst() {
            if argument == "--" {
                verification.inputs += rest
                break
            }
            if argument == "-" || !argument.hasPrefix("-") {
                // `help` after the command is ArgumentParser's to answer.
                if argument == "help" { return nil }
                verification.inputs.append(argument)
                continue
            }
            let (spelling, attached) = split(argument)
            let name = aliases[spelling] ?? spelling
            guard let option = options[name], given.insert(name).inserted || option.isRepeatable else { return nil }
            let value: String?
            if option.takesValue {
                if let attached {
                    value = attached
                } else {
                    guard let next = rest.popFirst(), !next.hasPrefix("-") else { return nil }
                    value = next
                }
            } else {
                guard attached == nil else { return nil }
                value = nil
            }
            guard value?.isEmpty != true, option.apply(&verification, value ?? "") else { return nil }
        }
        return verification.usageError == nil ? verification : nil
    }

    /// Every option name this reader knows, as `--name` or `-n`.
    static var names: Set<String> { Set(options.keys).union(aliases.keys) }

    /// `--name=value` as its name and value; `--name` and `-n` with no value.
    private static func split(_ argument: String) -> (name: String, value: String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    /// One option: whether it takes a value, may be repeated, and what it sets (false: the value is not valid).
    private struct Option: Sendable {
        let takesValue: Bool
        let isRepeatable: Bool
        let apply: @Sendable (inout Verification, String) -> Bool

        static func flag(_ set: @escaping @Sendable (inout Verification) -> Void) -> Option {
            Option(takesValue: false, isRepeatable: false) { verification, _ in set(&verification); return true }
        }

        /// A text value; `repeatable` ones are collected in order.
        static func text(repeatable: Bool = false, _ set: @escaping @Sendable (inout Verification, String) -> Void) -> Option {
            Option(takesValue: true, isRepeatable: repeatable) { verification, value in set(&verification, value); return true }
        }

        /// A value read as ArgumentParser reads it (its `init?(argument:)`).
        static func value<Value: ExpressibleByArgument>(
            _: Value.Type, repeatable: Bool = false, _ set: @escaping @Sendable (inout Verification, Value) -> Void
        ) -> Option {
            Option(takesValue: true, isRepeatable: repeatable) { verification, text in
                guard let value = Value(argument: text) else { return false }
                set(&verification, value)
                return true
            }
        }
    }

    /// Short names, by the long name they stand for.
    private static let aliases = ["-q": "--quiet"]

    /// The options of ``VerifyCommand`` and its option groups, by long name.
    private static let options: [String: Option] = [
        "--max-input": .value(ByteCount.self) { $0.input.maxInput = $1.value },
        "--jobs": .value(Int.self) { $0.input.requestedJobs = $1 },
        "--key": .text(repeatable: true) { $0.keys.keyFiles.append($1) },
        "--trust": .text(repeatable: true) { $0.keys.trustFiles.append($1) },
        "--secret": .text(repeatable: true) { $0.keys.secrets.append($1) },
        "--jwks-url": .text(repeatable: true) { $0.keys.jwksURLs.append($1) },
        "--oidc-issuer": .text { $0.keys.oidcIssuer = $1 },
        "--offline": .flag { $0.keys.offline = true },
        "--allow-weak-keys": .flag { $0.keys.allowWeakKeys = true },
        "--alg": .value(Algorithm.self, repeatable: true) { $0.algorithms.append($1) },
        "--iss": .text { $0.claims.iss = $1 },
        "--aud": .text { $0.claims.aud = $1 },
        "--sub": .text { $0.claims.sub = $1 },
        "--typ": .text { $0.claims.typ = $1 },
        "--leeway": .value(Double.self) { $0.claims.leeway = $1 },
        "--require": .text(repeatable: true) { $0.claims.required.append($1) },
        "--max-age": .text { $0.claims.maxAge = $1 },
        "--now": .text { $0.claims.now = $1 },
        "--ignore-exp": .flag { $0.claims.ignoreExp = true },
        "--detached-payload": .text { $0.detachedPayload = $1 },
        "--json": .flag { $0.json = true },
        "--quiet": .flag { $0.quiet = true },
        "--all-signatures": .flag { $0.allSignatures = true },
        "--claims": .flag { $0.includeClaims = true },
    ]
}
