extension ReportCategory {
    /// The category's name as a reporter sees it in the report form (English).
    public var title: String {
        switch self {
        case .illegalContent: "Illegal content"
        case .childSafety: "Child sexual abuse or exploitation"
        case .violentExtremism: "Terrorism or violent extremism"
        case .violence: "Violence or threats"
        case .hate: "Hateful conduct"
        case .harassment: "Bullying or harassment"
        case .selfHarm: "Suicide, self-harm or dangerous acts"
        case .misinformation: "Harmful misinformation"
        case .adultContent: "Nudity or sexual content"
        case .spam: "Spam, scams or fake engagement"
        case .intellectualProperty: "Copyright or trademark"
        case .other: "Something else"
        }
    }
}
