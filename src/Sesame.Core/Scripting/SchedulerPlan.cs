using Sesame.Model;

namespace Sesame.Scripting;

/// <summary>The configuration's schedulers as jobs to time.</summary>
public static class SchedulerPlan
{
    // CONTRACT SKELETON (lead): implemented by the lead on main.

    /// <summary>The enabled schedulers of <paramref name="config"/>, in config order; on-event resolved to a script name or code.</summary>
    public static IReadOnlyList<ScheduledJob> Build(FirewallConfig config) => throw new NotImplementedException();
}
