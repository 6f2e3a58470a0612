/// One choice of a form's `<select>` as the templates show it: its value, its label, whether it is the one chosen.
struct FormOption {
    let value: String
    let label: String
    let selected: Bool
}
