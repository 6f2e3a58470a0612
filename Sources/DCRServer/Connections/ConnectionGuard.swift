import HTTPTypes
import Logging
import NIOCore
import NIOHTTPTypes

/// Closes a connection that does not keep to ``ConnectionLimits``: no request head within the header timeout, a body
/// not finished within the body timeout, no next request within the idle timeout. A response with status 413 closes
/// the connection once written, so the unread rest of an oversized body is dropped with it instead of being read.
/// One per connection, in the HTTP pipeline after decoding; all its state lives on the connection's event loop.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limits: ConnectionLimits
    private let logger: Logger
    private var deadline: Scheduled<Void>?
    private var closesAfterResponse = false

    init(limits: ConnectionLimits, logger: Logger) {
        self.limits = limits
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context, limits.headerTimeout, waitingFor: "a request head") }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context, limits.headerTimeout, waitingFor: "a request head")
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { disarm() }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: arm(context, limits.bodyTimeout, waitingFor: "the request body")
        case .body: break
        case .end: disarm()  // the application is working on the request: no deadline for it here
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            if head.status == .contentTooLarge { closesAfterResponse = true }
        case .body:
            break
        case .end:
            if closesAfterResponse {
                context.writeAndFlush(data, promise: promise)
                context.close(promise: nil)
                return
            }
            arm(context, limits.idleTimeout, waitingFor: "the next request")
        }
        context.write(data, promise: promise)
    }

    private func arm(_ context: ChannelHandlerContext, _ delay: TimeAmount, waitingFor what: String) {
        disarm()
        let logger = self.logger
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
            logger.debug("closing a connection that sent no \(what) in time", metadata: ["peer": "\(context.remoteAddress?.description ?? "?")"])
            context.close(promise: nil)
        }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}
