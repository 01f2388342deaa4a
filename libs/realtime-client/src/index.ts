export {
  type ClientEvent,
  RealtimeClient,
  type RealtimeClientOptions,
  type WebSocketFactory,
  type WebSocketLike,
} from "./client.js";
export {
  type ChannelName,
  type EventDataByType,
  isTerminalClose,
  type Publication,
  type RealtimeError,
  type RealtimeEvent,
  type RealtimeEventType,
  type Subscribed,
} from "./events.js";
