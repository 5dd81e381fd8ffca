extension Account { public var subjectNonce: [UInt8] { Array(repeating: 7, count: 32) } }
