import Crypto
import Foundation
import Logging
import ReelCore
import ReelGuard
import ReelStore

/// Envelope encryption of staff members' TOTP secrets, as ``AccountVault`` does for accounts'
/// protected fields: each staff member gets a data key (AES-256) created and kept by their region's
/// custodian; the region store keeps the key's ID and the secret sealed under it (``FieldCipher``,
/// field `totpSecret` of the staff member's ID). The secret is opened only to check a sign-in code,
/// the key unwrapped for that one check and not cached, so every use of a secret is a key operation
/// in the region's public audit log (principal: the region's `accounts` service, purpose
/// `staff-sign-in`). Someone holding only the store can therefore not compute a staff member's codes.
struct StaffSecrets: Sendable {
    /// The field name in the seal's additional data.
    static let field = "totpSecret"

    let custodians: Custodians

    /// Creates the staff member's data key at `region`'s custodian and returns the member with their
    /// secret sealed under it.
    /// - Throws: ``ReelError`` 503 `custodian_unavailable`.
    func seal(_ staff: StaffMember, in region: RegionCode) async throws -> StaffMember {
        let access = DataAccess.service("accounts", in: region, purpose: "staff-enrolment",
                                        justification: "A staff member's TOTP secret is sealed.")
        let dataKey = try await custodians.perform(in: region) { try await $0.createDataKey(access.keyAccess()) }
        var sealed = staff
        sealed.totpSecret = Array(try FieldCipher.seal(Data(staff.totpSecret), field: Self.field, userID: staff.id,
                                                       key: SymmetricKey(data: dataKey.key)))
        sealed.dataKeyID = dataKey.keyID
        return sealed
    }

    /// The staff member's TOTP secret in plain, unwrapping their data key at `region`'s custodian (a
    /// row not sealed yet is returned as it is).
    /// - Throws: ``ReelError`` 503 `custodian_unavailable`; 404 `key_not_found` / `key_destroyed`;
    ///   500 `corrupt_field` when the sealed secret does not open.
    func secret(of staff: StaffMember, in region: RegionCode) async throws -> [UInt8] {
        guard let keyID = staff.dataKeyID else { return staff.totpSecret }
        let access = DataAccess.service("accounts", in: region, purpose: "staff-sign-in",
                                        justification: "A staff member's sign-in code is checked.")
        let unwrapped = try await custodians.perform(in: region) { try await $0.unwrapDataKey(id: keyID, access.keyAccess()) }
        return Array(try FieldCipher.open(Data(staff.totpSecret), field: Self.field, userID: staff.id, key: SymmetricKey(data: unwrapped.key)))
    }

    /// Seals every staff member's secret written before sealing (the `staff-v2-sealed-totp`
    /// migration leaves them plain), a data key each. A region whose custodian can't be reached is
    /// skipped (logged) and sealed at a later start.
    /// - Returns: How many secrets were sealed.
    func sealUnsealed(stores: RegionDirectory<any StaffStore>, regions: RegionMap, logger: Logger) async -> Int {
        var sealed = 0
        for region in regions.regions {
            guard let store = stores.store(for: region.code) else { continue }
            do {
                while true {
                    let batch = try await store.unsealedStaff(limit: 100)
                    if batch.isEmpty { break }
                    for plain in batch {
                        let ready = try await seal(plain, in: region.code)
                        guard let keyID = ready.dataKeyID else { continue }
                        if try await store.sealStaffSecret(staffID: plain.id, dataKeyID: keyID, sealedSecret: ready.totpSecret) { sealed += 1 }
                    }
                }
            } catch {
                logger.warning("staff TOTP secrets written before sealing stay unsealed until the custodian answers",
                               metadata: ["region": "\(region.code)", "error": "\(error)"])
            }
        }
        if sealed > 0 { logger.info("sealed staff TOTP secrets written before sealing", metadata: ["staff": "\(sealed)"]) }
        return sealed
    }
}
