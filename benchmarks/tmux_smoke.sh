#!/usr/bin/env bash
# Smoke test on a real terminal: play the first two demo cases in tmux at 80x24 and at 200x60,
# saving every screen, then /stop.
#
#     benchmarks/tmux_smoke.sh            # screens in benchmarks/out/screens-WxH/NN.txt
#
# The script waits for each prompt (the cursor line shows ' › ') instead of sleeping blindly,
# answers it, and fails (exit 1) on a traceback, a missing prompt or a session that does not stop.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${OUT:-$ROOT/benchmarks/out}"
PYTHON="${PYTHON:-python}"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/casusspel-tmux.XXXXXX")"
SESSION="casusspel-smoke-$$"
TIMEOUT="${TIMEOUT:-20}"   # seconds to wait for one prompt

command -v tmux >/dev/null || { echo "tmux is niet geïnstalleerd" >&2; exit 2; }
cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

screen_text() { tmux capture-pane -p -t "$SESSION"; }
cursor_line() {
  local y
  y="$(tmux display-message -p -t "$SESSION" '#{cursor_y}')"
  screen_text | sed -n "$((y + 1))p"
}
pane_dead() { [[ "$(tmux display-message -p -t "$SESSION" '#{pane_dead}')" == 1 ]]; }

# Wait until the screen differs from $1 and the cursor sits on a prompt (' › '); the screen must
# then stay the same for a moment (rendering done).
wait_prompt() {
  local before="$1" deadline=$((SECONDS + TIMEOUT)) now line
  while ((SECONDS < deadline)); do
    if pane_dead; then return 1; fi
    now="$(screen_text)"
    line="$(cursor_line)"
    if [[ "$now" != "$before" && "$line" == *"›"* ]]; then
      sleep 0.15
      if [[ "$(screen_text)" == "$now" ]]; then return 0; fi
    fi
    sleep 0.05
  done
  return 1
}

send_line() { tmux send-keys -t "$SESSION" -l -- "$1"; tmux send-keys -t "$SESSION" Enter; }

play_size() {
  local width="$1" height="$2" dir="$OUT/screens-${1}x${2}" n=0 last="" line screen case_no
  local factors_t1="12 13" factors_t2="9 7" action_t1="b" action_t2="a"
  rm -rf "$dir"; mkdir -p "$dir"
  tmux kill-session -t "$SESSION" 2>/dev/null || true
  tmux new-session -d -s "$SESSION" -x "$width" -y "$height" \
    "cd '$ROOT' && TERM=xterm-256color '$PYTHON' -m casusspel play --demo \
     --teams 'Tafel 1,Tafel 2' --session-dir '$TMP/${width}x${height}'; \
     echo \"[afgesloten: \$?]\"; sleep 60"
  tmux set-option -t "$SESSION" remain-on-exit on >/dev/null
  tmux resize-window -t "$SESSION" -x "$width" -y "$height" 2>/dev/null || true

  while true; do
    if ! wait_prompt "$last"; then
      screen_text >"$dir/$(printf '%02d' $((n + 1)))-geen-prompt.txt"
      echo "FOUT ${width}x${height}: geen prompt binnen ${TIMEOUT}s (zie $dir)" >&2
      return 1
    fi
    screen="$(screen_text)"
    n=$((n + 1))
    printf '%s\n' "$screen" >"$dir/$(printf '%02d' "$n").txt"
    if grep -q "Traceback" <<<"$screen"; then
      echo "FOUT ${width}x${height}: traceback op scherm $n" >&2; return 1
    fi
    line="$(cursor_line)"
    case_no="$(grep -o 'Casus [0-9]* van' <<<"$screen" | tail -1 | grep -o '[0-9]*' || true)"
    last="$screen"
    if [[ -n "$case_no" && "$case_no" -ge 3 && "$line" != *"Enter voor meer"* ]]; then
      send_line "/stop"
      break
    fi
    case "$line" in
      *"Enter voor meer"*|*"Enter = verder"*) send_line "" ;;
      *"Tafel 1: welke factoren"*) send_line "$factors_t1" ;;
      *"Tafel 2: welke factoren"*) send_line "$factors_t2" ;;
      *"Tafel 1: welke aanpak"*) send_line "$action_t1" ;;
      *"Tafel 2: welke aanpak"*) send_line "$action_t2" ;;
      *"Tafel 1: jullie reflectie"*)
        send_line "We regelen een professionele tolk en vragen eerst wat zij zelf wil."
        send_line "Ik merk dat ik snel invul; we bellen samen met haar de buurvrouw."
        send_line "" ;;
      *"Tafel 2: jullie reflectie"*)
        send_line "In hun cultuur [bold]doen ze dat zo[/bold]; we sturen een brief."
        send_line "" ;;
      *)
        echo "FOUT ${width}x${height}: onbekende prompt op scherm $n: $line" >&2
        return 1 ;;
    esac
  done

  # after /stop: the hint to resume, and the program ends with exit 0
  local deadline=$((SECONDS + TIMEOUT))
  until screen_text | grep -q "\[afgesloten: "; do
    if ((SECONDS >= deadline)); then
      echo "FOUT ${width}x${height}: /stop beëindigt de sessie niet" >&2; return 1
    fi
    sleep 0.1
  done
  n=$((n + 1))
  screen_text >"$dir/$(printf '%02d' "$n").txt"
  if ! screen_text | grep -q "\[afgesloten: 0\]"; then
    echo "FOUT ${width}x${height}: exitcode na /stop is niet 0" >&2; return 1
  fi
  if ! screen_text | tr -d '\n' | grep -q "casusspel resume"; then
    echo "FOUT ${width}x${height}: geen hint om te hervatten na /stop" >&2; return 1
  fi
  tmux kill-session -t "$SESSION"
  echo "${width}x${height}: $n schermen in $dir"
}

play_size 80 24
play_size 200 60
echo "Klaar. Schermen: $OUT/screens-80x24/ en $OUT/screens-200x60/"
