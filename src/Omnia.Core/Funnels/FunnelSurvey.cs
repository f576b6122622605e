namespace Omnia.Core.Funnels;

/// <summary>
/// A one-question survey for a funnel's dropouts. Answers come back as <c>Survey Answered</c> events
/// (<see cref="AnswerEvent"/>) with the funnel's slug in <c>survey</c> and the chosen answer in <c>answer</c>, through
/// the Segment API or Omnia's public answer page, and are summarised beside the funnel.
/// </summary>
/// <param name="Question">What to ask, e.g. "What stopped you from ordering?".</param>
/// <param name="Choices">2 to 8 answers to choose from.</param>
public sealed record FunnelSurvey(string Question, IReadOnlyList<string> Choices)
{
    /// <summary>The event an answer comes back as.</summary>
    public const string AnswerEvent = "Survey Answered";

    /// <summary>The property naming the survey (the funnel's slug).</summary>
    public const string SurveyProperty = "survey";

    /// <summary>The property holding the answer.</summary>
    public const string AnswerProperty = "answer";

    /// <summary>The property holding the step the person dropped after, when known.</summary>
    public const string StepProperty = "step";

    public bool Equals(FunnelSurvey? other) => other is not null && Question == other.Question && Choices.SequenceEqual(other.Choices);

    public override int GetHashCode() => HashCode.Combine(Question, Choices.Count);
}
