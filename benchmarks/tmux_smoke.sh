#!/usr/bin/env bash
# Smoke test on a real terminal: play the first two demo cases in the full-screen app in tmux at
# 80x24 and at 200x60 (with a 1-minute timer), saving every screen, then /stop; and check at
# 100x30 that a short timer reaches zero and says so without a key press.
#
#     benchmarks/tmux_smoke.sh            # screens in benchmarks/out/screens-WxH/NN.txt
#
# The script waits until the screen changed and then stayed the same (the top line, with the
# ticking clock, is left out of that comparison), reads the question above the entry, answers
# it, and fails (exit 1) on a traceback, an unknown question or a session that does not stop.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${OUT:-$ROOT/benchmarks/out}"
PYTHON="${PYTHON:-python}"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/casusspel-tmux.XXXXXX")"
SESSION="casusspel-smoke-$$"
TIMEOUT="${TIMEOUT:-20}"   # seconds to wait for one screen

command -v tmux >/dev/null || { echo "tmux is niet geïnstalleerd" >&2; exit 2; }
cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

screen_text() { tmux capture-pane -p -t "$SESSION"; }
body() { screen_text | tail -n +2; }  # without the top line and its ticking clock
pane_dead() { [[ "$(tmux display-message -p -t "$SESSION" '#{pane_dead}')" == 1 ]]; }

# Wait until the screen (below the top line) differs from $1 and then stays the same.
wait_screen() {
  local before="$1" deadline=$((SECONDS + TIMEOUT)) now
  while ((SECONDS < deadline)); do
    if pane_dead; then return 1; fi
    now="$(body)"
    if [[ "$now" != "$before" ]]; then
      sleep 0.3
      if [[ "$(body)" == "$now" ]]; then return 0; fi
    fi
    sleep 0.05
  done
  return 1
}

send_line() { tmux send-keys -t "$SESSION" -l -- "$1"; tmux send-keys -t "$SESSION" Enter; }

start() {  # start WIDTH HEIGHT ARGS...: the app in a fresh tmux session
  local width="$1" height="$2"; shift 2
  tmux kill-session -t "$SESSION" 2>/dev/null || true
  tmux new-session -d -s "$SESSION" -x "$width" -y "$height" \
    "cd '$ROOT' && TERM=xterm-256color '$PYTHON' -m casusspel play --demo \
     --teams 'Tafel 1,Tafel 2' --session-dir '$TMP/${width}x${height}' $*; \
     echo \"[afgesloten: \$?]\"; sleep 60"
  tmux set-option -t "$SESSION" remain-on-exit on >/dev/null
  tmux resize-window -t "$SESSION" -x "$width" -y "$height" 2>/dev/null || true
}

play_size() {
  local width="$1" height="$2" dir="$OUT/screens-${1}x${2}" n=0 last="" screen question
  local case_no clock1 clock2
  rm -rf "$dir"; mkdir -p "$dir"
  start "$width" "$height" --timer 1m
  while true; do
    if ! wait_screen "$last"; then
      screen_text >"$dir/$(printf '%02d' $((n + 1)))-vast.txt"
      echo "FOUT ${width}x${height}: het scherm verandert niet binnen ${TIMEOUT}s (zie $dir)" >&2
      return 1
    fi
    screen="$(screen_text)"
    n=$((n + 1))
    printf '%s\n' "$screen" >"$dir/$(printf '%02d' "$n").txt"
    if grep -q "Traceback" <<<"$screen"; then
      echo "FOUT ${width}x${height}: traceback op scherm $n" >&2; return 1
    fi
    last="$(body)"
    case_no="$(head -1 <<<"$screen" | grep -o 'Casus [0-9]* van' | grep -o '[0-9]*' || true)"
    if [[ -n "$case_no" && "$case_no" -ge 3 ]]; then
      send_line "/stop"
      break
    fi
    question="$(grep -E 'welke factoren\?|welke aanpak\?|jullie reflectie|Enter = ' <<<"$screen" \
                | tail -1 || true)"
    case "$question" in
      *"Tafel 1: welke factoren"*)
        clock1="$(head -1 <<<"$screen")"; sleep 2.2; clock2="$(screen_text | head -1)"
        if [[ "$clock1" == "$clock2" ]]; then
          echo "FOUT ${width}x${height}: de klok tikt niet ($clock1)" >&2; return 1
        fi
        send_line "12 13" ;;
      *"Tafel 2: welke factoren"*) send_line "9 7" ;;
      *"Tafel 1: welke aanpak"*) send_line "b" ;;
      *"Tafel 2: welke aanpak"*) send_line "a" ;;
      *"Tafel 1: jullie reflectie"*)
        send_line "We regelen een professionele tolk en vragen eerst wat zij zelf wil."
        send_line "Ik merk dat ik snel invul; we bellen samen met haar de buurvrouw."
        tmux send-keys -t "$SESSION" Enter ;;
      *"Tafel 2: jullie reflectie"*)
        send_line "In hun cultuur [bold]doen ze dat zo[/bold]; we sturen een brief."
        tmux send-keys -t "$SESSION" Enter ;;
      *"Enter = "*) tmux send-keys -t "$SESSION" Enter ;;
      *)
        echo "FOUT ${width}x${height}: onbekende vraag op scherm $n" >&2
        return 1 ;;
    esac
  done
  finish_stop "$width" "$height" "$dir" "$n"
}

# after /stop: the hint to resume on the normal screen, and exit code 0
finish_stop() {
  local width="$1" height="$2" dir="$3" n="$4" deadline=$((SECONDS + TIMEOUT))
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

# A 3-second timer at 100x30: at zero the screen says so without any key press; /pauze stops it.
timer_zero() {
  local dir="$OUT/screens-timer" deadline
  rm -rf "$dir"; mkdir -p "$dir"
  start 100 30 --timer 3s
  wait_screen "" || return 1
  tmux send-keys -t "$SESSION" Enter
  deadline=$((SECONDS + 10))
  until screen_text | grep -q "Tijd is om"; do
    if ((SECONDS >= deadline)); then
      screen_text >"$dir/01-geen-tijd-om.txt"
      echo "FOUT timer: geen 'Tijd is om' zonder toets" >&2; return 1
    fi
    sleep 0.2
  done
  screen_text >"$dir/01-tijd-om.txt"
  send_line "/pauze"
  sleep 1
  screen_text >"$dir/02-pauze.txt"
  grep -q "De tijd staat stil" "$dir/02-pauze.txt" || { echo "FOUT: geen pauzescherm" >&2; return 1; }
  tmux send-keys -t "$SESSION" C-c
  finish_stop 100 30 "$dir" 2
}

play_size 80 24
play_size 200 60
timer_zero
echo "Klaar. Schermen: $OUT/screens-80x24/, $OUT/screens-200x60/ en $OUT/screens-timer/"
