import Foundation
import Testing

/// The OpenAPI document `jwstool serve` serves, checked by tools nobody here wrote.
@Suite("the served OpenAPI document")
struct OpenAPITests {
    /// Whether openapi-spec-validator (PyPI) is installed; `.ci/run` installs it.
    static let validatorAvailable: Bool = {
        (try? CLI.execute(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import openapi_spec_validator"]))?.status == 0
    }()

    @Test("/openapi.json validates against the OpenAPI 3.1 schema (openapi-spec-validator)",
          .enabled(if: ProcessInfo.processInfo.environment["CI"] != nil || validatorAvailable, "python3 -m pip install openapi-spec-validator"))
    func validates() throws {
        let server = try ServeProcess(arguments: ["--profile", "rfc"])
        defer { _ = server.stop() }
        let script = """
            import json, sys, urllib.request
            from openapi_spec_validator import validate
            document = json.load(urllib.request.urlopen(sys.argv[1]))
            validate(document)
            print("valid", document["openapi"], len(document["paths"]), "paths")
            """
        let result = try CLI.execute(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, server.baseURL + "/openapi.json"])
        #expect(result.status == 0 && result.stdout.hasPrefix("valid 3.1.0"), "\(result.stdout)\(result.stderr)")
    }
}
