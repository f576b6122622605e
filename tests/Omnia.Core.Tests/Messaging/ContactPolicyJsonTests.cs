using Omnia.Core.Messaging;

namespace Omnia.Core.Tests.Messaging;

public class ContactPolicyJsonTests
{
    [Fact]
    public void The_canonical_json_reads_back_to_an_equal_policy()
    {
        var policy = ContactPolicy.Parse("""
            { "version": 1, "consent": { "sms": "optOut" },
              "caps": [ { "channel": "email", "max": 1, "days": 1 }, { "max": 3, "days": 7 } ],
              "quietHours": { "from": "21:00", "to": "08:00", "action": "defer", "channels": ["sms", "push"] },
              "controlGroup": { "percent": 2.5 } }
            """).Policy!;

        var again = ContactPolicy.Parse(policy.ToJson());

        Assert.True(again.IsValid);
        Assert.Equal(policy, again.Policy);
        Assert.Equal(ConsentMode.OptOut, again.Policy.ConsentFor("sms"));
        Assert.Equal(ConsentMode.None, again.Policy.ConsentFor("in_app"));
        Assert.Equal("1 email per day", policy.Caps[0].ToString());
    }

    [Fact]
    public void Every_problem_is_reported_with_its_path()
    {
        var result = ContactPolicy.Parse("""
            { "version": 1, "consent": { "email": "yes", "fax": "optIn" },
              "caps": [ { "channel": "whatsapp", "max": 0, "days": 1 }, { "max": 3 }, { "max": 3, "days": 7 }, { "max": 3, "days": 7 } ],
              "quietHours": { "from": "9pm", "to": "21:00", "action": "wait", "channels": ["email", "fax"] },
              "controlGroup": { "percent": 60 } }
            """);

        Assert.Equal(
        [
            "consent.fax: unknown key; expected email, sms, push, in_app",
            "consent.email: 'yes' is not one of optIn, optOut, none",
            "caps[0].channel: 'whatsapp' is not one of email, sms, push, in_app; leave it out to cap all channels together",
            "caps[0].max: 0 is not a whole number from 1 to 1000; use how many messages at most, e.g. 1",
            "caps[1].days: required: over how many calendar days, e.g. 1 for a day or 7 for a week",
            "caps[3]: repeats the cap 3 messages per 7 days; keep one",
            "quietHours.from: '9pm' is not a time; use 24-hour HH:mm such as \"21:00\"",
            "quietHours.action: 'wait' is not one of defer, skip",
            "quietHours.channels[1]: 'fax' is not one of email, sms, push, in_app",
            "controlGroup.percent: 60 is not a percentage from 0 to 50 with at most two decimals, e.g. 5 or 2.5",
        ], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Quiet_hours_need_different_start_and_end()
    {
        var result = ContactPolicy.Parse("""{"version":1,"quietHours":{"from":"22:00","to":"22:00"}}""");

        Assert.Equal("quietHours.to: equals 'from'; quiet hours need a start and a different end, e.g. 21:00 to 08:00", Assert.Single(result.Errors).ToString());
    }
}
