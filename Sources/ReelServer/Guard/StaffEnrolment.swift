import Foundation
import HummingbirdBcrypt
import Logging
import ReelCore
import ReelGuard
import ReelStore

/// `reel staff add`: creates a staff member in their region's store, with a fresh TOTP secret sealed
/// under a data key that only the region's custodian holds (``StaffSecrets``).
public enum StaffEnrolment {
    /// Adds a staff member to `region` (migrating the stores first, as `reel migrate` does) and returns
    /// the `otpauth://` URI of their TOTP secret, for their authenticator app. The secret is shown
    /// only here; the store keeps it sealed, through the region's custodian as `configuration` names it.
    /// - Throws: ``ReelError`` 422 for an unknown region or role, an invalid handle or a weak
    ///   password; 409 `staff_handle_taken`; 503 `custodian_unavailable` when the region's custodian
    ///   is not configured or can't be reached.
    public static func add(configuration: ReelConfiguration, region: String, role: String, handle: String, password: String,
                           logger: Logger, now: Date = Date()) async throws -> String {
        guard let role = StaffMember.Role(rawValue: role) else {
            let roles = StaffMember.Role.allCases.map(\.rawValue).joined(separator: ", ")
            throw ReelError.invalid("The role \(role) is not a staff role; use one of \(roles).", code: "unknown_role")
        }
        let regionCode = RegionCode(region.lowercased())
        guard let definition = configuration.regions.definition(for: regionCode) else {
            throw ReelError.invalid("There is no region \(region) in the configuration.", code: "unknown_region")
        }
        let handle = try AccountRules.validHandle(handle)
        try AccountRules.checkPassword(password, handle: handle, email: "\(handle)@staff.invalid")
        let stores = try StoreAssembly(configuration: configuration, logger: logger)
        try await stores.migrate()
        let secret = TOTP.makeSecret()
        let hash = try await PasswordHasher(cost: configuration.bcryptCost).hash(password)
        let plain = StaffMember(id: RegionIDs(regions: configuration.regions).newID(in: definition), handle: handle, role: role,
                                passwordHash: hash, totpSecret: secret, createdAt: now)
        let staff = try await StaffSecrets(custodians: try Custodians(configuration: configuration)).seal(plain, in: regionCode)
        try await stores.withStoresRunning {
            guard let store = stores.router.allStores.first(where: { $0.region.code == regionCode }) else {
                throw ReelError.invalid("Region \(regionCode) has no store.", code: "unknown_region")
            }
            try await store.insertStaff(staff)
        }
        logger.notice("staff member added", metadata: ["staff.id": "\(staff.id)", "region": "\(regionCode)", "role": "\(role.rawValue)"])
        return TOTP(secret: secret).provisioningURI(issuer: "Reel \(regionCode)", account: handle)
    }
}
