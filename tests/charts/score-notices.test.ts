import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { expect, test } from "vitest";
import { noticeText } from "@/lib/assessment/score-notice-text";
import { ScoreNoticeList } from "@/components/analytics/score-notice-list";

const at = new Date("2027-01-12T09:30:00Z");

test.each([
  ["a regrade", { at, kind: "regraded" as const, oldScore: 10, newScore: 8.5, because: "the ACL was fixed" }, 10, "Your score changed from 10 to 8.5 of 10 after a regrade because the ACL was fixed"],
  ["an adjustment without a maximum", { at, kind: "adjusted" as const, oldScore: 4, newScore: 5, because: "a typo was accepted" }, null, "Your score changed from 4 to 5 after a manual adjustment because a typo was accepted"],
])("%s", (_label, notice, max, text) => {
  expect(noticeText(notice, max)).toBe(text);
});

test("the list renders each notice with its time, and nothing without notices", () => {
  const html = renderToString(createElement(ScoreNoticeList, { notices: [{ at, kind: "regraded", oldScore: 10, newScore: 8, because: "reasons" }], maxScore: 10 })).replace(/<!-- -->/g, "");
  expect(html).toContain('<time dateTime="2027-01-12T09:30:00.000Z">2027-01-12 09:30 UTC</time>: Your score changed from 10 to 8 of 10 after a regrade because reasons');
  expect(renderToString(createElement(ScoreNoticeList, { notices: [], maxScore: 10 }))).toBe("");
});
