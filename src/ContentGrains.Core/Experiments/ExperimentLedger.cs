namespace ContentGrains.Core.Experiments;

/// <summary>
/// The exposure log and outcome totals of one experiment, keyed by person. Exposing a person fixes their arm (by the
/// assigner) and, the first time, their pre-exposure covariate; outcomes count only for exposed persons, since an
/// outcome before exposure cannot be an effect of the arm. Stored in the experiment's snapshot.
/// </summary>
public sealed class ExperimentLedger
{
    public Dictionary<string, Participant> Participants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Logs one exposure of <paramref name="personId"/> and answers their arm.</summary>
    public Participant Expose(ArmAssigner assigner, string personId, DateTimeOffset at, double? preExposure)
    {
        if (!Participants.TryGetValue(personId, out var participant))
        {
            participant = new Participant { Arm = assigner.Assign(personId), FirstExposure = at, PreExposure = preExposure };
            Participants[personId] = participant;
        }
        participant.Exposures++;
        return participant;
    }

    /// <summary>Adds <paramref name="value"/> to the person's total of <paramref name="metric"/>; false when the person was never exposed.</summary>
    public bool Record(string personId, string metric, double value)
    {
        if (!Participants.TryGetValue(personId, out var participant)) return false;
        participant.Totals[metric] = participant.Total(metric) + value;
        return true;
    }
}
