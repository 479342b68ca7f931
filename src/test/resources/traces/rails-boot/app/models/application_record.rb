class ApplicationRecord
end
