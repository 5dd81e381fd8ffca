import Foundation
import HTTPTypes
import Hummingbird

/// The methods each route path of a router answers, read from the router itself, so that a wrong
/// method on a known path can be told apart from an unknown path (405 with `Allow` versus 404,
/// RFC 9110 §15.5.6 and §10.2.1).
struct AllowedMethods: Sendable {
    struct Route: Sendable {
        var path: RouterPath
        var methods: Set<HTTPRequest.Method>
    }

    let routes: [Route]

    /// Groups the router's registered routes by path; `headFollowsGet` adds HEAD wherever there is
    /// GET, for a router built with `.autoGenerateHeadEndpoints`.
    init<Context: RequestContext>(_ descriptions: [Router<Context>.RouteDescription], headFollowsGet: Bool) {
        var byPath: [String: Route] = [:]
        for description in descriptions {
            byPath[description.path.description, default: Route(path: description.path, methods: [])].methods.insert(description.method)
            if headFollowsGet, description.method == .get { byPath[description.path.description]?.methods.insert(.head) }
        }
        routes = byPath.keys.sorted().compactMap { byPath[$0] }
    }

    /// The methods of the route that `path` resolves to, or nil when no route has that path.
    ///
    /// Like the router's trie, a literal segment beats a capture (`/v1/users/me` before
    /// `/v1/users/:handle`), comparing segment by segment from the left.
    /// - Complexity: O(routes × segments).
    func methods(for path: String) -> Set<HTTPRequest.Method>? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var best: (specificity: [Int], methods: Set<HTTPRequest.Method>)?
        for route in routes where route.path.components.count == segments.count {
            var specificity: [Int] = []  // 1 for a literal segment, 0 for a capture
            var matches = true
            for (element, segment) in zip(route.path.components, segments) {
                guard element ~= segment else { matches = false; break }
                specificity.append(element == segment ? 1 : 0)
            }
            guard matches else { continue }
            if let current = best, !current.specificity.lexicographicallyPrecedes(specificity) { continue }
            best = (specificity, route.methods)
        }
        return best?.methods
    }
}
