using System;
using System.Collections.Generic;
using System.Linq;
using Prom.CodeModel.Diagnostics;

namespace Prom.CodeModel.Topics;

/// <summary>
/// The rules across all [Topic] declarations of a compilation: one payload type per topic and version (PROM0302), and
/// consecutive versions (PROM0303). Results are in a stable order whatever the order of the input.
/// </summary>
public static class TopicVersionRules
{
    /// <summary>The problems among <paramref name="declarations"/>.</summary>
    public static IReadOnlyList<Problem> Check(IEnumerable<TopicDeclaration> declarations)
    {
        var problems = new List<Problem>();
        foreach (IGrouping<string, TopicDeclaration> topic in declarations.GroupBy(d => d.Topic, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var byVersion = topic.GroupBy(d => d.Version)
                .OrderBy(g => g.Key)
                .Select(g => g.OrderBy(d => d.TypeName, StringComparer.Ordinal).ToList())
                .ToList();
            foreach (List<TopicDeclaration> same in byVersion.Where(g => g.Count > 1))
            {
                for (int i = 0; i < same.Count; i++)
                {
                    TopicDeclaration other = same[i == 0 ? 1 : 0];
                    problems.Add(new Problem(DiagnosticDescriptors.DuplicateTopicVersion, same[i].Location, topic.Key, same[i].Version, same[i].TypeName, other.TypeName));
                }
            }
            for (int i = 1; i < byVersion.Count; i++)
            {
                TopicDeclaration previous = byVersion[i - 1][0];
                if (byVersion[i][0].Version <= previous.Version + 1 || previous.Version < 1) continue;
                foreach (TopicDeclaration next in byVersion[i])
                {
                    problems.Add(new Problem(DiagnosticDescriptors.TopicVersionGap, next.Location,
                        topic.Key, previous.Version, previous.TypeName, next.Version, next.TypeName, previous.Version + 1));
                }
            }
        }
        return problems;
    }
}
