import ReelCore

/// The community guidelines Reel ships for a region, written to `<data>/guidelines/<region>/<version>.md`
/// when the region has none, for the region's own trust-and-safety team to edit and republish.
///
/// Every region gets the same rules under its own IDs (`<region>-hate-1`, …) plus a paragraph on the
/// law the region's team applies first; a local team replaces this text with its own.
public enum ShippedGuidelines {
    /// The version of the shipped text.
    public static let version = "2026-11-01"

    /// The shipped guidelines of `region` (named `name`, e.g. "European Union / EEA"), as Markdown.
    public static func markdown(for region: RegionCode, name: String) -> String {
        let r = region.rawValue
        return """
            # Community guidelines — \(name)

            Version \(version). These rules apply to every video, comment and account whose home is region `\(r)`.
            Every moderation decision cites one rule below by its ID and this version. \(law(for: region))

            ## \(r)-csam-1: Child sexual abuse and exploitation
            No content that sexualises, exploits or endangers minors. Such content is removed and reported to the authorities.

            ## \(r)-extremism-1: Terrorism and violent extremism
            No content that supports, praises or recruits for terrorist or violent extremist organisations.

            ## \(r)-violence-1: Violence and threats
            No threats of violence, incitement to violence, or glorification of recent violent events.

            ## \(r)-hate-1: Hateful conduct
            No attacks on people because of a protected attribute (origin, religion, ethnicity, gender, sexual orientation, disability).

            ## \(r)-harassment-1: Bullying and harassment
            No content that degrades, shames or targets a private person, and no sharing of someone's personal information.

            ## \(r)-selfharm-1: Suicide, self-harm and dangerous acts
            No content that promotes or instructs suicide, self-harm, eating disorders or dangerous challenges.

            ## \(r)-misinfo-1: Harmful misinformation
            False or misleading claims that can cause real harm (health, elections, emergencies) are labelled unverified or removed.

            ## \(r)-adult-1: Nudity and sexual content
            No sexual activity or explicit nudity. Suggestive content may be restricted to adults.

            ## \(r)-spam-1: Spam, scams and fake engagement
            No scams, deceptive links, or buying, selling or faking views, likes, follows or reports.

            ## \(r)-ip-1: Intellectual property
            No content that infringes someone else's copyright or trademark.

            ## \(r)-illegal-1: Other illegal content
            No content that is illegal under the law of the country where it is shown.
            """
    }

    private static func law(for region: RegionCode) -> String {
        switch region.rawValue {
        case "eu":
            "Notices of illegal content are handled under the EU Digital Services Act (Art. 16); every restriction comes with a statement of reasons (Art. 17) and can be appealed (Art. 20)."
        case "us":
            "Reports of child sexual exploitation are referred to NCMEC as 18 U.S.C. § 2258A requires."
        default:
            "Where a country's law forbids content these rules allow, it is restricted in that country only."
        }
    }
}
