import Foundation
import HTTPTypes
import Hummingbird

/// Adds the security headers every response carries: API answers, the web client's files and
/// errors alike.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The Content Security Policy for the web client in `Web/` (CSP Level 3):
    /// scripts, styles and fonts only from this origin (styles also inline, for `style` attributes
    /// set by scripts); posters and avatars from this origin, `https:` avatar URLs, `data:` and `blob:`
    /// images; media from this origin and `blob:` (local previews of a chosen file); requests only to
    /// this origin; no plugins, no `<base>`, forms only to this origin, and no framing by anyone.
    /// `mediaOrigins` (the public S3 endpoints that media requests are redirected to) are added
    /// to `img-src` and `media-src`.
    static func contentSecurityPolicy(mediaOrigins: [String] = []) -> String {
        let extra = mediaOrigins.map { " \($0)" }.joined()
        return [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' https: data: blob:\(extra)",
            "media-src 'self' blob:\(extra)",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ].joined(separator: "; ")
    }

    /// The headers this instance sets, computed once.
    private let fields: HTTPFields

    /// A middleware that also allows images and media from `mediaOrigins` (`scheme://host[:port]`).
    init(mediaOrigins: [String] = []) {
        fields = Self.headers(mediaOrigins: mediaOrigins)
    }

    /// The headers, set on every response unless a route chose its own value.
    static var headers: HTTPFields { headers(mediaOrigins: []) }

    /// The headers with `mediaOrigins` allowed for images and media.
    static func headers(mediaOrigins: [String]) -> HTTPFields {
        [
            .contentSecurityPolicy: contentSecurityPolicy(mediaOrigins: mediaOrigins),
            .xContentTypeOptions: "nosniff",
            .referrerPolicy: "no-referrer",
            .xFrameOptions: "DENY",
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        for field in fields where response.headers[field.name] == nil {
            response.headers.append(field)
        }
        return response
    }
}

extension HTTPField.Name {
    /// `X-Frame-Options` (RFC 7034), for browsers without CSP `frame-ancestors`.
    static var xFrameOptions: Self { .init("X-Frame-Options")! }
    /// `Referrer-Policy` (W3C Referrer Policy).
    static var referrerPolicy: Self { .init("Referrer-Policy")! }
}
