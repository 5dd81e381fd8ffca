import Foundation
import Hummingbird
import ReelCore

/// `GET /v1/guidelines?region=`: a region's community guidelines in force (public).
struct GuidelinesController {
    let guidelines: GuidelinesLibrary
    let ids: RegionIDs

    var routes: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("guidelines", use: current)
    }

    /// The guidelines of `?region=` (default: the signed-in caller's home region, else `global`, else the first region).
    /// - Throws: ``ReelError`` 404 `not_found` for an unknown region.
    @Sendable func current(_ request: Request, context: AppRequestContext) async throws -> GuidelinesView {
        let region: RegionCode
        if let asked = request.formQuery["region"] {
            region = RegionCode(asked.lowercased())
        } else if let user = context.identity?.userID, let home = ids.regions.region(of: user) {
            region = home.code
        } else {
            region = ids.regions.definition(for: "global") != nil ? "global" : (ids.regions.regions.first?.code ?? "global")
        }
        return GuidelinesView(try guidelines.current(for: region))
    }
}
