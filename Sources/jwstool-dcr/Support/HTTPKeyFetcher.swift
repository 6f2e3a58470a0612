import DCRClient
import Dispatch
import JWSToolKit
import Synchronization

/// GETs key sets and discovery documents for `--jwks-url` / `--oidc-issuer` with the DCR client's HTTP stack
/// (AsyncHTTPClient), for the offline commands, whose key loading is synchronous: the request runs in a detached task
/// (its I/O on SwiftNIO's event loops) while the calling thread waits for it.
struct HTTPKeyFetcher: RemoteFetcher {
    let http = DCRHTTPClient(userAgent: "jwstool/\(ToolMain.version)")

    func get(_ url: String, headers: [(String, String)]) throws -> (status: Int, headers: [(String, String)], body: [UInt8]) {
        let outcome = Mutex<Result<HTTPReply, ClientError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let http = self.http
        Task.detached {
            let result: Result<HTTPReply, ClientError>
            do throws(ClientError) { result = .success(try await http.send("GET", url, headers: headers)) } catch { result = .failure(error) }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        switch outcome.withLock({ $0 }) {
        case .success(let reply)?: return (reply.status, reply.headers.map { ($0.name, $0.value) }, reply.body)
        case .failure(let error)?: throw CLIFailure(.remote, "\(error)")
        case nil: throw CLIFailure(.remote, "\(url): no answer")
        }
    }
}
