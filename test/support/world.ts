/** A started client on a fresh sync script, and what the notices tests read off it. */
import type { ICreateClientOpts, MatrixClient } from "matrix-js-sdk";
import type { useServerNotices } from "../../src";
import { messageEvent } from "./events";
import { NOTICES_USER } from "./scenarios";
import { type SyncBatch, SyncScript } from "./syncScript";

/** A client of `userId` started on a new sync script with `initial` as its first sync (resolves once prepared). */
export async function startWorld(
  userId: string,
  initial: SyncBatch = {},
  clientOptions: Partial<ICreateClientOpts> = {},
): Promise<{ script: SyncScript; client: MatrixClient }> {
  const script = new SyncScript({ userId });
  const client = script.createClient(clientOptions);
  await script.start(client, initial);
  return { script, client };
}

/** The bodies of the notices a `useServerNotices` result shows, in order. */
export const noticeBodies = (r: { current: ReturnType<typeof useServerNotices> }) =>
  r.current.notices.map((n) => n.notice.body);

/** An edit (`m.replace`) of a server notice by the notices sender, to `body`. */
export const noticeEdit = (eventId: string, body: string) =>
  messageEvent(
    {
      msgtype: "m.server_notice",
      body: `* ${body}`,
      "m.new_content": { msgtype: "m.server_notice", body },
      "m.relates_to": { rel_type: "m.replace", event_id: eventId },
    },
    { sender: NOTICES_USER },
  );
