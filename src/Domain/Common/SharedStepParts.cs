namespace WorkflowDefinitions.Domain.Common;

/// <summary>
/// The parts a V1 step and a V2 task share (contract §1.3, "Shared"): <c>StepDescription</c>, <c>StepJourney</c>,
/// <c>ECPDetails</c> (<c>ecp</c>, <c>installer</c>) and <c>PartnerDetails</c>. Both parsers read them the same way.
/// </summary>
internal static class SharedStepParts
{
    public const int MaxDescriptionLength = 10000;

    /// <summary><c>description</c>: <c>{enabled, value}</c>, the value at most 10,000 code points (W10).</summary>
    public static void ReadDescription(ObjectReader step)
    {
        if (step.OptionalObject("description") is not { } description)
        {
            return;
        }

        description.OptionalBoolean("enabled");
        if (description.OptionalString("value") is { } value && TextLength.CodePoints(value) > MaxDescriptionLength)
        {
            description.Report("value", $"must not be longer than {MaxDescriptionLength} characters");
        }
    }

    /// <summary><c>journey</c> (mixed casing: <c>journeyId</c> beside <c>complete_task_automatically</c>).</summary>
    public static void ReadJourney(ObjectReader step)
    {
        if (step.OptionalObject("journey") is { } journey)
        {
            ReadJourneyFields(journey);
        }
    }

    /// <summary><c>ecp</c> and <c>installer</c> (<c>ECPDetails</c>, each with an optional journey) and <c>partner</c>.</summary>
    public static void ReadPortalDetails(ObjectReader step)
    {
        foreach (var name in new[] { "ecp", "installer" })
        {
            if (step.OptionalObject(name) is not { } details)
            {
                continue;
            }

            ReadLabelled(details);
            if (details.OptionalObject("journey") is { } journey)
            {
                ReadJourneyFields(journey);
            }
        }

        if (step.OptionalObject("partner") is { } partner)
        {
            ReadLabelled(partner);
        }
    }

    private static void ReadJourneyFields(ObjectReader journey)
    {
        journey.OptionalString("id");
        journey.OptionalString("journeyId");
        journey.OptionalString("name");
        journey.OptionalBoolean("complete_task_automatically");
    }

    private static void ReadLabelled(ObjectReader details)
    {
        details.OptionalBoolean("enabled");
        details.OptionalString("label");
        details.OptionalString("description");
    }
}
