/** GET /api/v1/scenarios: every scenario's summary (id, title, difficulty, concepts...). */
import { NextResponse } from "next/server";
import { withApiErrors } from "@/lib/server/api";
import { listScenarios } from "@/lib/server/catalogue";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(async () => NextResponse.json({ scenarios: listScenarios() }));
