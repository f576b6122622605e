namespace Omnia.Core.Demo;

/// <summary>Given names and family names the demo customers are made from.</summary>
internal static class Names
{
    public static readonly IReadOnlyList<string> First =
    [
        "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "Lucas",
        "Mia", "Mateo", "Amelia", "Ethan", "Harper", "Aiden", "Evelyn", "Oliver", "Abigail", "Daniel",
        "Chloe", "Samuel", "Priya", "Arjun", "Mei", "Hiroshi", "Sofia", "Diego", "Fatima", "Omar",
        "Grace", "Henry", "Zoe", "Caleb", "Nora", "Owen", "Leah", "Isaac", "Aaliyah", "Wyatt",
        "Hannah", "Finn", "Freya", "Callum", "Isla", "Rory", "Niamh", "Kwame", "Ingrid", "Tomas",
    ];

    public static readonly IReadOnlyList<string> Last =
    [
        "Smith", "Johnson", "Williams", "Brown", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Martin", "Lee",
        "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Young", "Allen", "King", "Wright",
        "Scott", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Patel", "Kim",
        "Chen", "Okafor", "Murphy", "O'Brien", "Campbell", "Evans", "Hughes", "Larsen", "Novak",
        "Schmidt", "Rossi", "Tanaka",
    ];
}
