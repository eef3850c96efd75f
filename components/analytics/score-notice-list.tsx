/**
 * "Your score changed from X to Y because ...": the regrades and manual adjustments of an attempt,
 * for the student's result page (lib/server/assessments/score-notices.ts reads them). Render it only
 * when the feedback rules let the student see the score.
 */
import { noticeText, type NoticeView } from "@/lib/assessment/score-notice-text";

export function ScoreNoticeList({ notices, maxScore }: { readonly notices: readonly NoticeView[]; readonly maxScore: number | null }) {
  if (notices.length === 0) return null;
  return (
    <section aria-labelledby="score-changes" data-testid="score-notices">
      <h2 id="score-changes">Changes to your score</h2>
      <ul>
        {notices.map((n, i) => (
          <li key={i}>
            <time dateTime={n.at.toISOString()}>{n.at.toISOString().slice(0, 16).replace("T", " ")} UTC</time>: {noticeText(n, maxScore)}
          </li>
        ))}
      </ul>
    </section>
  );
}
