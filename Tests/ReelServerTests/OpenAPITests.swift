import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ReelCore
@testable import ReelServer
import Testing

/// Keeps `Sources/ReelServer/Resources/openapi.yaml` and the router in step: every route the
/// server has is documented with its method, and every documented operation exists.
@Suite("OpenAPI document")
struct OpenAPITests {
    /// One method on one path, written the OpenAPI way (`/v1/videos/{id}`, lower-case method).
    struct Operation: Hashable, Comparable, CustomStringConvertible {
        var method: String
        var path: String

        init(method: String, path: String) {
            self.method = method.lowercased()
            self.path = Self.normalise(path)
        }

        var description: String { "\(method.uppercased()) \(path)" }

        static func < (lhs: Operation, rhs: Operation) -> Bool { (lhs.path, lhs.method) < (rhs.path, rhs.method) }

        /// `:id` → `{id}`, so either spelling of a path parameter compares equal; no trailing slash.
        static func normalise(_ path: String) -> String {
            let components = path.split(separator: "/", omittingEmptySubsequences: true).map { component -> String in
                component.hasPrefix(":") ? "{\(component.dropFirst())}" : String(component)
            }
            return "/" + components.joined(separator: "/")
        }
    }

    static let methods: Set<String> = ["get", "put", "post", "patch", "delete", "head"]

    /// The document in the source tree (the file that is bundled as a resource).
    static let documentURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ReelServerTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Sources/ReelServer/Resources/openapi.yaml")

    static func document() throws -> String {
        try String(contentsOf: documentURL, encoding: .utf8)
    }

    /// The operations under `paths:`, found by line scanning: path keys are lines `  /…:` and
    /// methods are lines `    get:` (and so on) below them. No YAML parser needed.
    static func documentedOperations(in yaml: String) -> [Operation] {
        var operations: [Operation] = []
        var inPaths = false
        var currentPath: String?
        for rawLine in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let indent = line.prefix(while: { $0 == " " }).count
            switch indent {
            case 0:
                inPaths = line == "paths:"
                currentPath = nil
            case 2 where inPaths:
                if line.hasPrefix("  /"), line.hasSuffix(":") {
                    currentPath = String(line.dropFirst(2).dropLast())
                } else {
                    currentPath = nil
                }
            case 4 where inPaths:
                guard let currentPath, line.hasSuffix(":") else { continue }
                let key = String(line.dropFirst(4).dropLast())
                if methods.contains(key) { operations.append(Operation(method: key, path: currentPath)) }
            default:
                continue
            }
        }
        return operations
    }

    static func routerOperations() async throws -> [Operation] {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let router = buildRouter(reel.app)
        return router.routes.map { Operation(method: $0.method.rawValue, path: "\($0.path)") }
    }

    @Test("the line scanner reads paths and methods and nothing else")
    func scanner() {
        let yaml = """
            openapi: 3.1.0
            paths:
              /v1/videos/{id}:
                get:
                  summary: x
                  responses:
                    "200":
                      description: ok
                delete:
                  responses: {}
              /healthz:
                get:
                  parameters:
                    - name: get
            components:
              schemas:
                post:
                  type: object
            """
        let found = Self.documentedOperations(in: yaml)
        #expect(found == [
            Operation(method: "get", path: "/v1/videos/{id}"),
            Operation(method: "delete", path: "/v1/videos/:id"),
            Operation(method: "get", path: "/healthz"),
        ])
    }

    @Test("every route of the router is documented with its method")
    func routesAreDocumented() async throws {
        let documented = Set(Self.documentedOperations(in: try Self.document()))
        let routes = try await Self.routerOperations()
        #expect(routes.count >= 20, "the router reported suspiciously few routes: \(routes)")
        let missing = Set(routes).subtracting(documented).sorted()
        #expect(missing.isEmpty, "routes missing from openapi.yaml: \(missing)")
    }

    @Test("every documented operation exists in the router")
    func documentedOperationsExist() async throws {
        let documented = Self.documentedOperations(in: try Self.document())
        #expect(documented.count >= 20, "openapi.yaml lists suspiciously few operations: \(documented)")
        let duplicates = Dictionary(grouping: documented, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(duplicates.isEmpty, "operations listed twice in openapi.yaml: \(duplicates)")
        let routes = Set(try await Self.routerOperations())
        let extra = Set(documented).subtracting(routes).sorted()
        #expect(extra.isEmpty, "openapi.yaml documents operations the router does not have: \(extra)")
    }

    @Test("GET /openapi.yaml serves the bundled document")
    func served() async throws {
        let expected = try Self.document()
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let response: TestResponse = try await client.execute(uri: "/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
            #expect(String(buffer: response.body) == expected)
        }
    }
}
